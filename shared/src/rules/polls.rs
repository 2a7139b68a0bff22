//! Polls outside assemblies: what a valid answer is for each kind, and the tally. Single
//! choice and approval are counted; rankings are decided by the Schulze method (a Condorcet
//! method: an option preferred to every other by more ballots wins). Ties are reported — the
//! options sharing a place are named together — and never broken here: whoever ran the poll
//! decides what a tie means.
//!
//! An answer is a list of option indices: one for `SINGLE`, a non-empty set for `APPROVAL`,
//! a full or partial ranking (best first, no repeats) for `RANKED`. Options a ranking leaves
//! out come after every option it ranks, equal among themselves.

use crate::dto::polls::PollKind;

/// The fewest options a poll offers.
pub const MIN_OPTIONS: usize = 2;
/// The most options a poll offers.
pub const MAX_OPTIONS: usize = 20;

/// Why an answer is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerError {
    /// Nothing chosen.
    Empty,
    /// More than one option for a single-choice poll.
    NotSingle,
    /// An index that names no option.
    OutOfRange,
    /// The same option twice.
    Repeated,
}

/// Checks an answer for a poll of `kind` with `options` options and gives it back in its
/// stored form: approvals sorted, a ranking as given.
pub fn check_answer(
    kind: PollKind,
    options: usize,
    choice: &[usize],
) -> Result<Vec<usize>, AnswerError> {
    if choice.is_empty() {
        return Err(AnswerError::Empty);
    }
    if choice.iter().any(|c| *c >= options) {
        return Err(AnswerError::OutOfRange);
    }
    let mut seen = vec![false; options];
    for c in choice {
        if seen[*c] {
            return Err(AnswerError::Repeated);
        }
        seen[*c] = true;
    }
    match kind {
        PollKind::Single if choice.len() != 1 => Err(AnswerError::NotSingle),
        PollKind::Approval => {
            let mut sorted = choice.to_vec();
            sorted.sort_unstable();
            Ok(sorted)
        }
        _ => Ok(choice.to_vec()),
    }
}

/// The Schulze method's working, kept for the results page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schulze {
    /// `pairwise[i][j]`: ballots preferring option `i` to option `j`.
    pub pairwise: Vec<Vec<u32>>,
    /// `strongest[i][j]`: the strength of the strongest path from `i` to `j` (winning votes:
    /// a link `i → j` counts `pairwise[i][j]` when it beats `pairwise[j][i]`, else nothing).
    pub strongest: Vec<Vec<u32>>,
}

impl Schulze {
    /// `i` beats `j`: its strongest path to `j` is stronger than `j`'s to it.
    pub fn beats(&self, i: usize, j: usize) -> bool {
        self.strongest[i][j] > self.strongest[j][i]
    }
}

/// A poll's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Answers counted.
    pub ballots: u32,
    /// Per option: the ballots choosing it (`SINGLE`), approving it (`APPROVAL`), or ranking
    /// it first (`RANKED`).
    pub counts: Vec<u32>,
    /// Every option, first place first; options sharing a place are in one group (a group of
    /// more than one is a tie). `RANKED`: the options no remaining option beats, then the same
    /// on the rest; otherwise by count.
    pub ranking: Vec<Vec<usize>>,
    /// The first place, when there was at least one answer (more than one: a tie).
    pub winners: Vec<usize>,
    /// `RANKED` only.
    pub schulze: Option<Schulze>,
}

impl Outcome {
    pub fn tied(&self) -> bool {
        self.winners.len() > 1
    }
}

/// Counts checked answers (`check_answer`) of a poll of `kind` with `options` options.
/// Indices out of range are ignored rather than trusted.
pub fn tally(kind: PollKind, options: usize, ballots: &[Vec<usize>]) -> Outcome {
    let mut counts = vec![0u32; options];
    for b in ballots {
        let counted: &[usize] = match kind {
            PollKind::Ranked => b.get(..1).unwrap_or(&[]),
            _ => b,
        };
        for c in counted {
            if let Some(n) = counts.get_mut(*c) {
                *n += 1;
            }
        }
    }
    let (ranking, schulze) = match kind {
        PollKind::Ranked => {
            let s = schulze(options, ballots);
            (rank_by_paths(&s, options), Some(s))
        }
        _ => (rank_by_counts(&counts), None),
    };
    let winners = match (ballots.is_empty(), ranking.first()) {
        (false, Some(first)) => first.clone(),
        _ => Vec::new(),
    };
    Outcome {
        ballots: ballots.len() as u32,
        counts,
        ranking,
        winners,
        schulze,
    }
}

/// Pairwise preferences and strongest paths (Floyd–Warshall, winning votes).
pub fn schulze(options: usize, ballots: &[Vec<usize>]) -> Schulze {
    let n = options;
    let mut d = vec![vec![0u32; n]; n];
    for b in ballots {
        // Place of each option on this ballot; unranked options share the last place.
        let mut place = vec![usize::MAX; n];
        for (at, c) in b.iter().enumerate() {
            if let Some(p) = place.get_mut(*c) {
                *p = (*p).min(at);
            }
        }
        for i in 0..n {
            for j in 0..n {
                if i != j && place[i] < place[j] {
                    d[i][j] += 1;
                }
            }
        }
    }
    let mut p = vec![vec![0u32; n]; n];
    for i in 0..n {
        for j in 0..n {
            if i != j && d[i][j] > d[j][i] {
                p[i][j] = d[i][j];
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            if i == k {
                continue;
            }
            for j in 0..n {
                if j != k && j != i {
                    p[i][j] = p[i][j].max(p[i][k].min(p[k][j]));
                }
            }
        }
    }
    Schulze {
        pairwise: d,
        strongest: p,
    }
}

/// The options no remaining option beats take the next place, together; repeated on the rest.
/// Schulze's relation is a strict partial order, so each round names at least one option.
fn rank_by_paths(s: &Schulze, options: usize) -> Vec<Vec<usize>> {
    let mut left: Vec<usize> = (0..options).collect();
    let mut ranking = Vec::new();
    while !left.is_empty() {
        let top: Vec<usize> = left
            .iter()
            .copied()
            .filter(|i| !left.iter().any(|j| s.beats(*j, *i)))
            .collect();
        // Cannot happen (see above); without this guard a broken invariant would loop.
        if top.is_empty() {
            ranking.push(left);
            break;
        }
        left.retain(|i| !top.contains(i));
        ranking.push(top);
    }
    ranking
}

fn rank_by_counts(counts: &[u32]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(counts[*i]));
    let mut ranking: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match ranking.last_mut() {
            Some(group) if counts[group[0]] == counts[i] => group.push(i),
            _ => ranking.push(vec![i]),
        }
    }
    ranking
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: usize = 0;
    const B: usize = 1;
    const C: usize = 2;
    const D: usize = 3;
    const E: usize = 4;

    fn many(groups: &[(usize, &[usize])]) -> Vec<Vec<usize>> {
        groups
            .iter()
            .flat_map(|(n, order)| std::iter::repeat_n(order.to_vec(), *n))
            .collect()
    }

    /// The worked example of the Wikipedia article "Schulze method" (45 voters, five
    /// options), with its pairwise and strongest-path tables: E > A > C > B > D.
    #[test]
    fn the_literature_example_ranks_e_a_c_b_d() {
        let ballots = many(&[
            (5, &[A, C, B, E, D]),
            (5, &[A, D, E, C, B]),
            (8, &[B, E, D, A, C]),
            (3, &[C, A, B, E, D]),
            (7, &[C, A, E, B, D]),
            (2, &[C, B, A, D, E]),
            (7, &[D, C, E, B, A]),
            (8, &[E, B, A, D, C]),
        ]);
        let out = tally(PollKind::Ranked, 5, &ballots);
        let s = out.schulze.clone().unwrap_or_else(|| panic!("no working"));
        assert_eq!(
            s.pairwise,
            vec![
                vec![0, 20, 26, 30, 22],
                vec![25, 0, 16, 33, 18],
                vec![19, 29, 0, 17, 24],
                vec![15, 12, 28, 0, 14],
                vec![23, 27, 21, 31, 0],
            ]
        );
        assert_eq!(
            s.strongest,
            vec![
                vec![0, 28, 28, 30, 24],
                vec![25, 0, 28, 33, 24],
                vec![25, 29, 0, 29, 24],
                vec![25, 28, 28, 0, 24],
                vec![25, 28, 28, 31, 0],
            ]
        );
        assert_eq!(
            out.ranking,
            vec![vec![E], vec![A], vec![C], vec![B], vec![D]]
        );
        assert_eq!(out.winners, vec![E]);
        assert!(!out.tied());
        assert_eq!(out.ballots, 45);
        // First preferences: A 10, B 8, C 12, D 7, E 8 — plurality would pick C.
        assert_eq!(out.counts, vec![10, 8, 12, 7, 8]);
    }

    #[test]
    fn a_perfect_cycle_is_a_three_way_tie_not_a_pick() {
        let ballots = vec![vec![A, B, C], vec![B, C, A], vec![C, A, B]];
        let out = tally(PollKind::Ranked, 3, &ballots);
        assert_eq!(out.ranking, vec![vec![A, B, C]]);
        assert_eq!(out.winners, vec![A, B, C]);
        assert!(out.tied());
    }

    #[test]
    fn two_opposite_ballots_tie_and_a_condorcet_winner_wins() {
        let out = tally(PollKind::Ranked, 2, &[vec![A, B], vec![B, A]]);
        assert_eq!(out.winners, vec![A, B]);
        // B is preferred to each other option by a majority: it wins whatever the first
        // preferences say.
        let ballots = many(&[(3, &[A, B, C]), (2, &[C, B, A]), (2, &[B, C, A])]);
        let out = tally(PollKind::Ranked, 3, &ballots);
        assert_eq!(out.counts, vec![3, 2, 2]);
        assert_eq!(out.winners, vec![B]);
        assert_eq!(out.ranking, vec![vec![B], vec![C], vec![A]]);
    }

    #[test]
    fn partial_rankings_put_the_unranked_last_and_equal() {
        // Two ballots rank only C; one ranks A then B. C beats A and B 2–1; A and B: 1–0.
        let out = tally(PollKind::Ranked, 3, &[vec![C], vec![C], vec![A, B]]);
        let s = out.schulze.clone().unwrap_or_else(|| panic!("no working"));
        assert_eq!(s.pairwise[C][A], 2);
        assert_eq!(s.pairwise[A][B], 1);
        assert_eq!(s.pairwise[B][A], 0);
        assert_eq!(out.ranking, vec![vec![C], vec![A], vec![B]]);
        // Nobody ranked D and E: they tie last.
        let out = tally(PollKind::Ranked, 5, &[vec![A, B, C]]);
        assert_eq!(out.ranking, vec![vec![A], vec![B], vec![C], vec![D, E]]);
    }

    #[test]
    fn counts_rank_single_and_approval_and_report_ties() {
        let out = tally(PollKind::Single, 3, &[vec![B], vec![A], vec![B]]);
        assert_eq!(out.counts, vec![1, 2, 0]);
        assert_eq!(out.ranking, vec![vec![B], vec![A], vec![C]]);
        assert_eq!(out.winners, vec![B]);
        let out = tally(PollKind::Approval, 3, &[vec![A, B], vec![A, B], vec![C]]);
        assert_eq!(out.counts, vec![2, 2, 1]);
        assert_eq!(out.winners, vec![A, B]);
        assert!(out.tied());
        assert!(out.schulze.is_none());
        // No answer: no winner, every option shares the one place.
        let out = tally(PollKind::Single, 2, &[]);
        assert!(out.winners.is_empty());
        assert_eq!(out.ranking, vec![vec![A, B]]);
        let out = tally(PollKind::Ranked, 2, &[]);
        assert!(out.winners.is_empty());
        assert_eq!(out.ranking, vec![vec![A, B]]);
    }

    #[test]
    fn answers_are_checked_per_kind() {
        use AnswerError::*;
        assert_eq!(check_answer(PollKind::Single, 3, &[2]), Ok(vec![2]));
        assert_eq!(check_answer(PollKind::Single, 3, &[0, 1]), Err(NotSingle));
        assert_eq!(check_answer(PollKind::Single, 3, &[]), Err(Empty));
        assert_eq!(check_answer(PollKind::Single, 3, &[3]), Err(OutOfRange));
        assert_eq!(check_answer(PollKind::Approval, 3, &[2, 0]), Ok(vec![0, 2]));
        assert_eq!(
            check_answer(PollKind::Approval, 3, &[0, 1, 2]),
            Ok(vec![0, 1, 2])
        );
        assert_eq!(check_answer(PollKind::Approval, 3, &[1, 1]), Err(Repeated));
        assert_eq!(check_answer(PollKind::Approval, 3, &[]), Err(Empty));
        assert_eq!(check_answer(PollKind::Ranked, 4, &[3, 0]), Ok(vec![3, 0]));
        assert_eq!(check_answer(PollKind::Ranked, 4, &[3, 0, 3]), Err(Repeated));
        assert_eq!(check_answer(PollKind::Ranked, 4, &[4]), Err(OutOfRange));
    }

    #[test]
    fn the_ranking_is_never_empty_and_names_every_option_once() {
        // A small exhaustive sweep: every pair of ballots over three options, with repeats.
        let orders: Vec<Vec<usize>> = vec![
            vec![A],
            vec![A, B, C],
            vec![A, C, B],
            vec![B, A, C],
            vec![B, C, A],
            vec![C, A, B],
            vec![C, B, A],
            vec![B],
        ];
        for x in &orders {
            for y in &orders {
                for z in &orders {
                    let out = tally(PollKind::Ranked, 3, &[x.clone(), y.clone(), z.clone()]);
                    let mut all: Vec<usize> = out.ranking.iter().flatten().copied().collect();
                    all.sort_unstable();
                    assert_eq!(all, vec![A, B, C], "{x:?} {y:?} {z:?}");
                    assert!(!out.winners.is_empty());
                    // A winner is beaten by nobody.
                    let s = out.schulze.clone().unwrap_or_else(|| panic!("no working"));
                    for w in &out.winners {
                        assert!((0..3).all(|o| !s.beats(o, *w)));
                    }
                }
            }
        }
    }
}
