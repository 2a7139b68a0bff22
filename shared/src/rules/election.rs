//! Who is elected: each candidate first needs the motion's majority on their own counts (in
//! approval mode, `yes` is the ballots approving them and `no` the other ballots); then the
//! seats go to the candidates with that majority, most `yes` first. A tie at the last seats is
//! reported — the tied candidates are named and those seats stay unfilled — never broken by
//! this function (the assembly decides: a new round, or what the statutes say).

use crate::rules::majority::{decide, Attendance, Rule, Tally, Verdict};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateOutcome {
    /// Index in the candidates given.
    pub candidate: usize,
    pub tally: Tally,
    pub verdict: Verdict,
    pub elected: bool,
    /// Tied with others for the last seats: neither elected nor beaten.
    pub tied: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionOutcome {
    pub candidates: Vec<CandidateOutcome>,
    /// Seats filled; fewer than the seats when too few had the majority, or on a tie.
    pub filled: u32,
}

pub fn elect(
    rule: &Rule,
    seats: u32,
    counts: &[Tally],
    attendance: Attendance,
    second_convocation: bool,
) -> ElectionOutcome {
    let mut out: Vec<CandidateOutcome> = counts
        .iter()
        .enumerate()
        .map(|(candidate, t)| CandidateOutcome {
            candidate,
            tally: *t,
            verdict: decide(rule, *t, attendance, second_convocation).verdict,
            elected: false,
            tied: false,
        })
        .collect();
    let mut ranked: Vec<usize> = out
        .iter()
        .filter(|c| c.verdict == Verdict::Passed)
        .map(|c| c.candidate)
        .collect();
    // Most `yes` first; equal counts keep the candidates' order, which never decides a seat.
    ranked.sort_by_key(|i| std::cmp::Reverse(counts[*i].yes));
    let seats = seats as usize;
    let mut filled = 0;
    let mut at = 0;
    while at < ranked.len() && filled < seats {
        let yes = counts[ranked[at]].yes;
        let group: Vec<usize> = ranked[at..]
            .iter()
            .copied()
            .take_while(|i| counts[*i].yes == yes)
            .collect();
        if filled + group.len() <= seats {
            for i in &group {
                out[*i].elected = true;
            }
            filled += group.len();
        } else {
            for i in &group {
                out[*i].tied = true;
            }
            break;
        }
        at += group.len();
    }
    ElectionOutcome {
        candidates: out,
        filled: filled as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::majority::Fraction;

    fn simple() -> Rule {
        Rule {
            quorum: None,
            majority: Fraction::new(1, 2),
            strict: true,
        }
    }

    fn t(yes: u32, no: u32) -> Tally {
        Tally {
            yes,
            no,
            abstain: 0,
        }
    }

    const ALL: Attendance = Attendance {
        members: 10,
        present_or_represented: 10,
    };

    fn elected(o: &ElectionOutcome) -> Vec<usize> {
        o.candidates
            .iter()
            .filter(|c| c.elected)
            .map(|c| c.candidate)
            .collect()
    }

    fn tied(o: &ElectionOutcome) -> Vec<usize> {
        o.candidates
            .iter()
            .filter(|c| c.tied)
            .map(|c| c.candidate)
            .collect()
    }

    #[test]
    fn the_seats_go_to_the_most_approved_with_a_majority() {
        // 10 ballots; five candidates for three seats.
        let o = elect(
            &simple(),
            3,
            &[t(8, 2), t(3, 7), t(6, 4), t(9, 1), t(7, 3)],
            ALL,
            false,
        );
        assert_eq!(elected(&o), vec![0, 3, 4]);
        assert!(tied(&o).is_empty());
        assert_eq!(o.filled, 3);
        assert_eq!(o.candidates[1].verdict, Verdict::Rejected);
    }

    #[test]
    fn without_a_majority_nobody_takes_a_seat() {
        let o = elect(&simple(), 2, &[t(5, 5), t(9, 1), t(2, 8)], ALL, false);
        assert_eq!(elected(&o), vec![1]);
        assert_eq!(o.filled, 1);
    }

    #[test]
    fn a_tie_for_the_last_seat_is_reported_not_broken() {
        let o = elect(
            &simple(),
            2,
            &[t(9, 1), t(7, 3), t(7, 3), t(6, 4)],
            ALL,
            false,
        );
        assert_eq!(elected(&o), vec![0]);
        assert_eq!(tied(&o), vec![1, 2]);
        assert_eq!(o.filled, 1);
        // Two tied for two seats: both are elected.
        let o = elect(
            &simple(),
            3,
            &[t(9, 1), t(7, 3), t(7, 3), t(6, 4)],
            ALL,
            false,
        );
        assert_eq!(elected(&o), vec![0, 1, 2]);
        assert!(tied(&o).is_empty());
    }

    #[test]
    fn the_quorum_applies_to_every_candidate() {
        let rule = Rule {
            quorum: Some(Fraction::new(2, 3)),
            ..simple()
        };
        let few = Attendance {
            members: 30,
            present_or_represented: 10,
        };
        let o = elect(&rule, 1, &[t(10, 0)], few, false);
        assert_eq!(o.candidates[0].verdict, Verdict::QuorumNotMet);
        assert_eq!(o.filled, 0);
        // Second convocation: no quorum.
        assert_eq!(elect(&rule, 1, &[t(10, 0)], few, true).filled, 1);
    }
}
