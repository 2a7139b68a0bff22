//! What a majority rule requires, in words, for an assembly's electorate: worked out in the
//! browser with the shared arithmetic, for the board's motion and election form.

use super::fraction;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::MajorityRule;
use constellation_shared::rules::majority::{self, Attendance, Fraction, Rule, Tally};
use constellation_shared::Language;

fn to_fraction(num: i32, den: i32) -> Fraction {
    Fraction::new(num.max(0).unsigned_abs(), den.max(1).unsigned_abs())
}

/// What a rule requires, in words, for this assembly's electorate.
pub fn requirement(rule: &MajorityRule, members: i32, second: bool, lang: Language) -> String {
    let t = strings(lang);
    let quorum = (rule.quorum_den > 0).then(|| to_fraction(rule.quorum_num, rule.quorum_den));
    let arithmetic = Rule {
        quorum,
        majority: to_fraction(rule.majority_num, rule.majority_den),
        strict: rule.strict,
    };
    let attendance = Attendance {
        members: members.max(0).unsigned_abs(),
        present_or_represented: 0,
    };
    let outcome = majority::decide(&arithmetic, Tally::default(), attendance, second);
    let quorum_text = match (quorum, second) {
        (None, _) => t.assemblies().rule_no_quorum.to_owned(),
        (Some(_), true) => t.assemblies().rule_quorum_waived.to_owned(),
        (Some(_), false) => fill(
            t.assemblies().rule_quorum,
            &[
                &fraction(rule.quorum_num, rule.quorum_den, lang),
                &members.to_string(),
                &outcome.quorum_needed.to_string(),
            ],
        ),
    };
    let share = fraction(rule.majority_num, rule.majority_den, lang);
    let majority_text = fill(
        if rule.strict {
            t.assemblies().rule_more_than
        } else {
            t.assemblies().rule_at_least
        },
        &[&share],
    );
    format!("{majority_text} {quorum_text}")
}
