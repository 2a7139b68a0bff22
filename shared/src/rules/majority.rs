//! Does a motion pass? The arithmetic of the law's majorities (Belgian code of companies and
//! associations, art. 9:21 and nearby), pure so the page can preview it.
//!
//! - Abstentions count neither for nor against: they are in neither the numerator nor the
//!   denominator. The votes cast are `yes + no`.
//! - No vote cast never passes.
//! - A quorum counts the effective members present or represented against all effective
//!   members; it is waived at a second convocation.

use crate::Language;

/// `num / den`; `den > 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    pub num: u32,
    pub den: u32,
}

impl Fraction {
    pub const fn new(num: u32, den: u32) -> Self {
        Self { num, den }
    }
}

/// A majority rule: an optional quorum, and the share of the votes cast `yes` must reach
/// (`strict`: more than the share, e.g. a simple majority is more than half).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub quorum: Option<Fraction>,
    pub majority: Fraction,
    pub strict: bool,
}

/// The presets; statutes may set stricter figures, so the server keeps them as data.
pub const SIMPLE: Rule = Rule {
    quorum: None,
    majority: Fraction::new(1, 2),
    strict: true,
};
pub const STATUTES: Rule = Rule {
    quorum: Some(Fraction::new(2, 3)),
    majority: Fraction::new(2, 3),
    strict: false,
};
pub const PURPOSE: Rule = Rule {
    quorum: Some(Fraction::new(2, 3)),
    majority: Fraction::new(4, 5),
    strict: false,
};
pub const DISSOLUTION: Rule = PURPOSE;
pub const EXCLUSION: Rule = Rule {
    quorum: None,
    majority: Fraction::new(2, 3),
    strict: false,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

impl Tally {
    pub fn cast(&self) -> u32 {
        self.yes + self.no
    }
}

/// Effective members of the association, and how many were present or represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendance {
    pub members: u32,
    pub present_or_represented: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// Not enough `yes` among the votes cast.
    Rejected,
    /// Nobody voted yes or no.
    NoVotesCast,
    /// Too few members present or represented.
    QuorumNotMet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub verdict: Verdict,
    /// Whether a quorum applied (a rule with a quorum, first convocation).
    pub quorum_applied: bool,
    /// Smallest number present or represented that meets the quorum (0 when none applies).
    pub quorum_needed: u32,
    /// Smallest number of `yes` that passes with these votes cast.
    pub yes_needed: u32,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.verdict == Verdict::Passed
    }
}

/// Smallest `x` with `x / total >= f` (or `>` when strict).
fn threshold(f: Fraction, total: u32, strict: bool) -> u32 {
    let (n, d, t) = (u64::from(f.num), u64::from(f.den.max(1)), u64::from(total));
    // x * d >= n * t  →  x >= ceil(n t / d); strict: x * d > n t  →  x >= floor(n t / d) + 1
    let x = if strict {
        n * t / d + 1
    } else {
        (n * t).div_ceil(d)
    };
    x.min(u64::from(u32::MAX)) as u32
}

pub fn decide(
    rule: &Rule,
    tally: Tally,
    attendance: Attendance,
    second_convocation: bool,
) -> Outcome {
    let quorum = rule.quorum.filter(|_| !second_convocation);
    let quorum_needed = quorum.map_or(0, |q| threshold(q, attendance.members, false));
    let yes_needed = threshold(rule.majority, tally.cast(), rule.strict).max(1);
    let verdict = if quorum.is_some() && attendance.present_or_represented < quorum_needed {
        Verdict::QuorumNotMet
    } else if tally.cast() == 0 {
        Verdict::NoVotesCast
    } else if tally.yes >= yes_needed {
        Verdict::Passed
    } else {
        Verdict::Rejected
    };
    Outcome {
        verdict,
        quorum_applied: quorum.is_some(),
        quorum_needed,
        yes_needed,
    }
}

fn fraction_words(f: Fraction, lang: Language) -> String {
    match (f.num, f.den, lang) {
        (1, 2, Language::Fr) => "la moitié".into(),
        (1, 2, Language::En) => "half".into(),
        (2, 3, Language::Fr) => "les deux tiers".into(),
        (2, 3, Language::En) => "two thirds".into(),
        (4, 5, Language::Fr) => "les quatre cinquièmes".into(),
        (4, 5, Language::En) => "four fifths".into(),
        (n, d, _) => format!("{n}/{d}"),
    }
}

/// The result in words: which rule applied and why the motion passed or failed.
pub fn explain(
    rule: &Rule,
    rule_name: &str,
    tally: Tally,
    attendance: Attendance,
    second_convocation: bool,
    lang: Language,
) -> String {
    let o = decide(rule, tally, attendance, second_convocation);
    let share = fraction_words(rule.majority, lang);
    let fr = lang == Language::Fr;
    let mut parts = Vec::new();
    parts.push(match (fr, rule.strict) {
        (true, true) => format!("Règle « {rule_name} » : plus de {share} des voix exprimées."),
        (true, false) => format!("Règle « {rule_name} » : au moins {share} des voix exprimées."),
        (false, true) => format!("Rule “{rule_name}”: more than {share} of the votes cast."),
        (false, false) => format!("Rule “{rule_name}”: at least {share} of the votes cast."),
    });
    if let Some(q) = rule.quorum {
        let qs = fraction_words(q, lang);
        parts.push(match (fr, second_convocation) {
            (true, true) => format!("Quorum ({qs} des membres) levé : seconde convocation."),
            (false, true) => format!("Quorum ({qs} of the members) waived: second convocation."),
            (true, false) => format!(
                "Quorum : {qs} des {} membres effectifs, soit {} ; présents ou représentés : {}.",
                attendance.members, o.quorum_needed, attendance.present_or_represented
            ),
            (false, false) => format!(
                "Quorum: {qs} of the {} effective members, that is {}; present or represented: {}.",
                attendance.members, o.quorum_needed, attendance.present_or_represented
            ),
        });
    }
    parts.push(if fr {
        format!(
            "Pour : {}, contre : {}, abstentions : {} (non comptées).",
            tally.yes, tally.no, tally.abstain
        )
    } else {
        format!(
            "Yes: {}, no: {}, abstentions: {} (not counted).",
            tally.yes, tally.no, tally.abstain
        )
    });
    parts.push(match (o.verdict, fr) {
        (Verdict::Passed, true) => format!(
            "Adoptée : {} voix pour sur {} exprimées, il en fallait {}.",
            tally.yes,
            tally.cast(),
            o.yes_needed
        ),
        (Verdict::Passed, false) => format!(
            "Passed: {} yes of {} cast, {} needed.",
            tally.yes,
            tally.cast(),
            o.yes_needed
        ),
        (Verdict::Rejected, true) => format!(
            "Rejetée : {} voix pour sur {} exprimées, il en fallait {}.",
            tally.yes,
            tally.cast(),
            o.yes_needed
        ),
        (Verdict::Rejected, false) => format!(
            "Rejected: {} yes of {} cast, {} needed.",
            tally.yes,
            tally.cast(),
            o.yes_needed
        ),
        (Verdict::NoVotesCast, true) => "Rejetée : aucune voix exprimée.".into(),
        (Verdict::NoVotesCast, false) => "Rejected: no votes cast.".into(),
        (Verdict::QuorumNotMet, true) => {
            "Rejetée : le quorum n'est pas atteint ; une seconde assemblée pourra décider quel que soit le nombre de présents.".into()
        }
        (Verdict::QuorumNotMet, false) => {
            "Rejected: the quorum is not met; a second assembly may decide whatever the number present.".into()
        }
    });
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(yes: u32, no: u32, abstain: u32) -> Tally {
        Tally { yes, no, abstain }
    }
    fn a(members: u32, present_or_represented: u32) -> Attendance {
        Attendance {
            members,
            present_or_represented,
        }
    }

    /// Cases written from the law (CSA art. 9:21; ordinary decisions by simple majority).
    #[test]
    fn the_laws_majorities() {
        use Verdict::*;
        let cases: &[(&str, &Rule, Tally, Attendance, bool, Verdict)] = &[
            // Simple majority of the votes cast: more yes than no; a tie fails.
            (
                "simple: 6 to 4",
                &SIMPLE,
                t(6, 4, 0),
                a(30, 10),
                false,
                Passed,
            ),
            (
                "simple: tie",
                &SIMPLE,
                t(5, 5, 0),
                a(30, 10),
                false,
                Rejected,
            ),
            (
                "simple: abstentions ignored",
                &SIMPLE,
                t(3, 2, 20),
                a(30, 25),
                false,
                Passed,
            ),
            (
                "simple: 1 to 0",
                &SIMPLE,
                t(1, 0, 9),
                a(30, 10),
                false,
                Passed,
            ),
            (
                "simple: nobody cast",
                &SIMPLE,
                t(0, 0, 12),
                a(30, 12),
                false,
                NoVotesCast,
            ),
            (
                "simple: no quorum needed",
                &SIMPLE,
                t(2, 1, 0),
                a(100, 3),
                false,
                Passed,
            ),
            // Statutes: 2/3 present or represented, 2/3 of the votes cast.
            (
                "statutes: exactly 2/3 cast",
                &STATUTES,
                t(20, 10, 0),
                a(45, 30),
                false,
                Passed,
            ),
            (
                "statutes: just below 2/3",
                &STATUTES,
                t(19, 10, 1),
                a(45, 30),
                false,
                Rejected,
            ),
            (
                "statutes: quorum exactly 2/3",
                &STATUTES,
                t(30, 0, 0),
                a(45, 30),
                false,
                Passed,
            ),
            (
                "statutes: quorum missed by one",
                &STATUTES,
                t(29, 0, 0),
                a(45, 29),
                false,
                QuorumNotMet,
            ),
            (
                "statutes: quorum rounds up",
                &STATUTES,
                t(20, 0, 0),
                a(31, 20),
                false,
                QuorumNotMet,
            ),
            (
                "statutes: 21 of 31 is enough",
                &STATUTES,
                t(21, 0, 0),
                a(31, 21),
                false,
                Passed,
            ),
            (
                "statutes: second convocation",
                &STATUTES,
                t(4, 2, 0),
                a(45, 6),
                true,
                Passed,
            ),
            (
                "statutes: second convocation, 2/3 still needed",
                &STATUTES,
                t(3, 2, 0),
                a(45, 6),
                true,
                Rejected,
            ),
            (
                "statutes: abstentions ignored",
                &STATUTES,
                t(10, 5, 15),
                a(45, 30),
                false,
                Passed,
            ),
            // Purpose and dissolution: the same quorum, 4/5 of the votes cast.
            (
                "purpose: exactly 4/5",
                &PURPOSE,
                t(24, 6, 0),
                a(45, 30),
                false,
                Passed,
            ),
            (
                "purpose: below 4/5",
                &PURPOSE,
                t(23, 6, 1),
                a(45, 30),
                false,
                Rejected,
            ),
            (
                "dissolution: quorum missed",
                &DISSOLUTION,
                t(25, 0, 0),
                a(45, 25),
                false,
                QuorumNotMet,
            ),
            (
                "dissolution: second convocation",
                &DISSOLUTION,
                t(8, 2, 0),
                a(45, 10),
                true,
                Passed,
            ),
            // Exclusion: 2/3 of the votes cast, no quorum.
            (
                "exclusion: 2 to 1",
                &EXCLUSION,
                t(2, 1, 0),
                a(45, 3),
                false,
                Passed,
            ),
            (
                "exclusion: 3 to 2",
                &EXCLUSION,
                t(3, 2, 5),
                a(45, 10),
                false,
                Rejected,
            ),
            (
                "exclusion: nobody cast",
                &EXCLUSION,
                t(0, 0, 3),
                a(45, 3),
                false,
                NoVotesCast,
            ),
        ];
        for (name, rule, tally, att, second, want) in cases {
            let got = decide(rule, *tally, *att, *second);
            assert_eq!(got.verdict, *want, "{name}: {got:?}");
        }
    }

    #[test]
    fn thresholds_are_exact() {
        assert_eq!(threshold(Fraction::new(2, 3), 30, false), 20);
        assert_eq!(threshold(Fraction::new(2, 3), 31, false), 21);
        assert_eq!(threshold(Fraction::new(1, 2), 10, true), 6);
        assert_eq!(threshold(Fraction::new(1, 2), 9, true), 5);
        assert_eq!(threshold(Fraction::new(4, 5), 30, false), 24);
    }

    #[test]
    fn the_explanation_says_which_rule_and_why() {
        let fr = explain(
            &STATUTES,
            "Statuts",
            t(19, 10, 1),
            a(45, 30),
            false,
            Language::Fr,
        );
        assert!(
            fr.contains("Statuts") && fr.contains("deux tiers") && fr.contains("Rejetée"),
            "{fr}"
        );
        assert!(fr.contains("il en fallait 20"), "{fr}");
        let en = explain(&SIMPLE, "Simple", t(0, 0, 4), a(10, 4), false, Language::En);
        assert!(en.contains("no votes cast"), "{en}");
        let q = explain(
            &PURPOSE,
            "Purpose",
            t(25, 0, 0),
            a(45, 25),
            false,
            Language::En,
        );
        assert!(
            q.contains("quorum is not met") && q.contains("that is 30"),
            "{q}"
        );
        let second = explain(
            &PURPOSE,
            "Purpose",
            t(8, 2, 0),
            a(45, 10),
            true,
            Language::En,
        );
        assert!(
            second.contains("waived") && second.contains("Passed"),
            "{second}"
        );
    }
}
