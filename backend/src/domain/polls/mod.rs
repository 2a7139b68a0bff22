//! Polls outside assemblies (issue #15): a question for the association's members or for one
//! Lab's, answered by a single choice, an approval (any non-empty set of options) or a ranking
//! (decided by the Schulze method, `shared::rules::polls`), open or anonymous, with a closing
//! date.
//!
//! Who may:
//! - ask the association's members: the board and admins (a poll lands in every member's
//!   list, so it is the board's voice, as the convocations are);
//! - ask a Lab's members: that Lab's active coordinators, while the Lab is active;
//! - see and answer: the audience — the association's members (effective, adherent, the
//!   board, admins; not sympathisers), or the Lab's active members of any role. The author
//!   always sees their poll (and closes it), but answers only if in the audience. Anyone
//!   else is told the poll does not exist (`NOT_FOUND`), as for a hidden Lab. The rule is
//!   written once, as a condition the database evaluates (`access::asks`, `access::sees`),
//!   for the list as for one poll;
//! - close early: the author only.
//!
//! Closing needs nobody: a poll is closed once `closes_at <= now`, computed at each read and
//! checked in each answer's transaction; closing early sets `closes_at` to now.
//!
//! Results: live for `OPEN` polls (the audience already sees who answered what, so counts tell
//! nothing more); at the close for `ANONYMOUS` ones (live counts beside the live number of
//! answers would tell who chose what as each answer lands). One may change an open answer until
//! the close; an anonymous answer cannot change: nothing links it to its author.
//!
//! Anonymous answers: the transaction that records one writes *that* the person took part
//! (`poll_participations`, the primary key making it once) and, separately, the answer
//! (`poll_ballots`: a random id, the poll, the choice — no person, no time; on SQLite
//! `WITHOUT ROWID`, so rows sit in key order). Known limit, the one of the assemblies' secret
//! ballots, and here sharper since each answer is its own transaction: on PostgreSQL both rows
//! carry the `xmin` of the transaction that wrote them, and the heap keeps arrival order, so
//! whoever reads the database's system columns while the poll runs can pair a participation
//! with its answer. After the close the answers are rewritten in a random order in one
//! transaction, and the table vacuumed (`close`: at an early close, or by the periodic job
//! `seal_due` once the date has passed — a query never writes, and the results read before
//! the job ran are the same); until then, the database administrator is trusted.
//!
//! Files: `access` (audience, visibility, who creates), `create`, `answer`, `close` (early
//! close and the sealing job), `list` (the polls one may answer, open first, and the Labs one
//! may ask), `results` (what the loaders read, the tally), `privacy` (the member's export).

mod access;
mod answer;
mod close;
mod create;
mod list;
mod privacy;
mod results;

pub use access::{asked_for, asks, can_answer, find_visible, lab_allows, poll_lab, sees, Viewer};
pub use answer::answer;
pub use close::{close, seal_due};
pub use create::create;
pub use list::{list, poll_labs, Cursor, ListItem};
pub use privacy::export;
pub use results::{ballots_for, counts_for, mine_for, outcome, responses_for, Mine};

use crate::entities::polls::poll;
use constellation_shared::dto::polls::PollVisibility;

pub fn is_anonymous(p: &poll::Model) -> bool {
    p.visibility == PollVisibility::Anonymous
}

/// The options' texts, in order.
pub fn options_of(p: &poll::Model) -> Vec<String> {
    serde_json::from_str(&p.options).unwrap_or_default()
}

/// Closed once its date has come (or its author closed it, which moved the date to then).
pub fn is_closed(p: &poll::Model, now: chrono::DateTime<chrono::Utc>) -> bool {
    p.closes_at <= now
}

/// Whether whoever sees the poll sees its results now.
pub fn results_visible(p: &poll::Model, now: chrono::DateTime<chrono::Utc>) -> bool {
    is_closed(p, now) || !is_anonymous(p)
}

/// A stored choice: option indices as a JSON array.
pub fn choice_of(raw: &str) -> Vec<usize> {
    serde_json::from_str(raw).unwrap_or_default()
}

pub use crate::domain::core::parse::id as parse_id;
