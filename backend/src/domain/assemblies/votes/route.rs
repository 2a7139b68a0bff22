//! Where a vote goes, decided once from the vote and the motion, for both the one-vote path
//! (`cast::cast_in`) and the batch's fast path (`writer::fast_batch`): a vote of the wrong
//! kind is refused here, before it counts as the member's vote.

use super::Vote;
use crate::domain::assemblies::elections::is_election;
use crate::domain::assemblies::encrypted::VerifiedBallot;
use crate::domain::{DomainError, DomainResult};
use crate::entities::motion;
use constellation_shared::dto::assemblies::{BallotKind, Choice};
use constellation_shared::ids::AssemblyId;
use serde_json::{json, Value};
use uuid::Uuid;

/// The box a vote is written to.
pub(super) enum Route<'a> {
    /// `open_votes`: who voted what.
    Open(Choice),
    /// `secret_ballots`: the choice with a receipt, unlinked from the voter.
    Secret(Choice),
    /// `encrypted_ballots`: a ciphertext, its proofs verified.
    Encrypted(&'a VerifiedBallot),
    /// An election's marks, one per candidate; `open` keeps who marked what.
    Marks {
        marks: &'a [(Uuid, Choice)],
        open: bool,
    },
}

impl Route<'_> {
    /// Whether the member's vote is held by a participation row (secret ballots, encrypted
    /// ballots, elections): its primary key is the one-vote guarantee.
    pub(super) fn participation(&self) -> bool {
        !matches!(self, Route::Open(_))
    }

    /// What the audit log says of the vote: who voted for whom always, the choice only for
    /// open ballots.
    pub(super) fn audit(&self, assembly_id: AssemblyId, member: Uuid) -> Value {
        match self {
            Route::Open(c) => {
                json!({ "assemblyId": assembly_id, "member": member, "choice": c.as_str() })
            }
            Route::Marks { marks, open: true } => {
                let marks: Vec<Value> = marks
                    .iter()
                    .map(|(c, choice)| json!({ "candidate": c, "choice": choice.as_str() }))
                    .collect();
                json!({ "assemblyId": assembly_id, "member": member, "marks": marks })
            }
            _ => json!({ "assemblyId": assembly_id, "member": member }),
        }
    }
}

/// The box `vote` goes to on motion `m`; `INVALID_TRANSITION` when the vote is not of the
/// motion's kind (a plain choice on an election, marks on a motion, plaintext on an
/// encrypted vote or a ciphertext on a plain one).
pub(super) fn route<'a>(vote: &'a Vote, m: &motion::Model) -> DomainResult<Route<'a>> {
    let secret = m.ballot == BallotKind::Secret;
    match (vote, m.encrypted, is_election(m)) {
        (Vote::Encrypted(b), true, _) => Ok(Route::Encrypted(b)),
        (Vote::Encrypted(_), false, _) => Err(DomainError::InvalidTransition(
            "this vote takes plain ballots, not encrypted ones",
        )),
        (_, true, _) => Err(DomainError::InvalidTransition(
            "this vote takes ballots encrypted in the page",
        )),
        (Vote::Marks(marks), false, true) => Ok(Route::Marks {
            marks,
            open: !secret,
        }),
        (Vote::Plain(_), false, true) => Err(DomainError::InvalidTransition(
            "an election takes marks per candidate",
        )),
        (Vote::Marks(_), false, false) => Err(DomainError::InvalidTransition(
            "marks per candidate are for elections",
        )),
        (Vote::Plain(c), false, false) if secret => Ok(Route::Secret(*c)),
        (Vote::Plain(c), false, false) => Ok(Route::Open(*c)),
    }
}
