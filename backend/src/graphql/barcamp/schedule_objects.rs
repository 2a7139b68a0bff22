//! The scheduler's and the screen's outputs: unplaced sessions, a scheduler run, move issues,
//! the personal agenda, a room's now and next, and a live change.

use super::*;

#[derive(SimpleObject)]
#[graphql(name = "BarcampUnplaced")]
pub struct UnplacedSession {
    pub(super) session: SessionRef,
    pub(super) reason: String,
    pub(super) explanation: String,
}

#[derive(SimpleObject)]
#[graphql(name = "BarcampSchedulerRun")]
pub struct SchedulerRun {
    pub(super) placed: i32,
    pub(super) pinned: i32,
    pub(super) unplaced: Vec<UnplacedSession>,
    /// (attendee, wanted session) pairs attendable, minus interest that overflows rooms.
    pub(super) objective: i32,
    /// The same measure for a simple greedy placement of the same sessions.
    pub(super) greedy_objective: i32,
    pub(super) milliseconds: i32,
}

#[derive(SimpleObject)]
#[graphql(name = "BarcampMoveIssue")]
pub struct MoveIssue {
    /// `ROOM_TAKEN`, `HOST_BUSY`, `MISSING_EQUIPMENT`, `CROSSES_BREAK`, `OUTSIDE_GRID` (hard)
    /// or `OVER_CAPACITY`, `ATTENDEE_CLASH` (warnings).
    pub(super) kind: String,
    pub(super) hard: bool,
    pub(super) message: String,
}

pub(super) fn move_issue(i: &Issue, lang: Language) -> MoveIssue {
    MoveIssue {
        kind: i.code().to_owned(),
        hard: i.hard(),
        message: i.message(lang),
    }
}

#[derive(SimpleObject)]
#[graphql(name = "BarcampAgendaItem")]
pub struct AgendaItem {
    pub(super) session: Session,
    pub(super) clashes_with: Vec<SessionRef>,
}

#[derive(SimpleObject)]
#[graphql(name = "BarcampRoomNowNext")]
pub struct RoomNowNext {
    pub(super) room: Room,
    pub(super) now: Option<Session>,
    pub(super) next: Option<Session>,
}

#[derive(SimpleObject)]
pub struct BarcampChange {
    /// The audit action: `barcamp.session.move`, `barcamp.session.cancel`…
    pub(super) action: String,
    pub(super) session_id: Option<ID>,
}
