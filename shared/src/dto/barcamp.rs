//! The annual barcamp: editions with rooms and time slots, attendees, sessions, interest, the
//! schedule. Times travel as RFC 3339 instants (`startsAt`) and, for display, as the
//! edition's local day and wall-clock time (`day`, `start`, `end`).

use crate::dto::labs::PersonRef;
use serde::{Deserialize, Serialize};

wire_enum!(
    /// `PROPOSALS` → `INTEREST` → `SCHEDULING` → `PUBLISHED`.
    BarcampPhase {
        Proposals => "PROPOSALS",
        Interest => "INTEREST",
        Scheduling => "SCHEDULING",
        Published => "PUBLISHED",
    }
);

impl BarcampPhase {
    /// Phases move one step at a time, forwards or back.
    pub fn can_move_to(self, to: BarcampPhase) -> bool {
        let i = |p: BarcampPhase| Self::ALL.iter().position(|x| *x == p).unwrap_or(0);
        i(self).abs_diff(i(to)) == 1
    }
}

wire_enum!(
    SessionFormat {
        Talk => "TALK",
        Workshop => "WORKSHOP",
        Discussion => "DISCUSSION",
    }
);

wire_enum!(
    /// Every proposal is in the programme (`PROPOSED`) until an organiser declines or merges
    /// it, or cancels it once scheduled.
    SessionStatus {
        Proposed => "PROPOSED",
        Declined => "DECLINED",
        Merged => "MERGED",
        Cancelled => "CANCELLED",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct EditionInput {
    pub year: i32,
    pub title: String,
    /// `YYYY-MM-DD`
    pub starts_on: String,
    /// `YYYY-MM-DD`, inclusive.
    pub ends_on: String,
    pub venue: String,
    /// IANA zone of the venue, e.g. `Europe/Brussels`.
    pub timezone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct RoomInput {
    pub name: String,
    pub capacity: i32,
    /// Free words, compared case-insensitively: "projector", "whiteboard"…
    pub equipment: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct SlotInput {
    /// `YYYY-MM-DD`, within the edition's dates.
    pub day: String,
    /// `HH:MM`, the venue's local time.
    pub start: String,
    /// `HH:MM`, after `start`.
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct SessionInput {
    pub title: String,
    pub description: String,
    pub format: SessionFormat,
    /// Consecutive slots (1 to 4).
    pub length: i32,
    pub equipment: Vec<String>,
    pub lab_id: Option<String>,
    /// Emails of registered attendees who host with the proposer. On an edit, null keeps
    /// the current co-hosts and a list replaces them.
    pub co_host_emails: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Room {
    pub id: String,
    pub name: String,
    pub capacity: i32,
    pub equipment: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    pub id: String,
    /// Local day, `YYYY-MM-DD`.
    pub day: String,
    /// Local `HH:MM`.
    pub start: String,
    pub end: String,
    pub starts_at: String,
    pub ends_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Viewer {
    pub registered: bool,
    pub organiser: bool,
    /// Path of the private iCalendar feed of one's agenda (registered attendees).
    pub feed_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditionSummary {
    pub id: String,
    pub year: i32,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub venue: String,
    pub phase: BarcampPhase,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Edition {
    pub id: String,
    pub year: i32,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub venue: String,
    pub timezone: String,
    pub phase: BarcampPhase,
    pub rooms: Vec<Room>,
    /// In time order.
    pub slots: Vec<Slot>,
    pub organisers: Vec<PersonRef>,
    /// Organisers only (null for others).
    pub registration_count: Option<i32>,
    pub viewer: Viewer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionLabRef {
    pub id: String,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRef {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: String,
    pub title: String,
    pub description: String,
    pub format: SessionFormat,
    pub length: i32,
    pub equipment: Vec<String>,
    pub status: SessionStatus,
    pub lab: Option<SessionLabRef>,
    pub hosts: Vec<PersonRef>,
    pub interest_count: i32,
    /// The viewer marked interest.
    pub interested: bool,
    /// The viewer may edit it (a host before scheduling, or an organiser).
    pub can_edit: bool,
    pub room: Option<Room>,
    /// The slots it occupies, in order (empty when not placed).
    pub slots: Vec<Slot>,
    pub pinned: bool,
    /// Why the last scheduler run could not place it.
    pub unplaced_reason: Option<String>,
    /// Reason of a decline, merge or cancellation.
    pub status_reason: Option<String>,
    pub merged_into: Option<SessionRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnplacedSession {
    pub session: SessionRef,
    /// `NO_ROOM_WITH_EQUIPMENT`, `LONGER_THAN_A_BLOCK`, `BAD_PIN`, `NO_FREE_POSITION`.
    pub reason: String,
    /// In words, in the viewer's language.
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchedulerRun {
    pub placed: i32,
    pub pinned: i32,
    pub unplaced: Vec<UnplacedSession>,
    /// (attendee, wanted session) pairs attendable, minus interest that overflows rooms.
    pub objective: i32,
    /// The same measure for a simple greedy placement, for comparison.
    pub greedy_objective: i32,
    pub milliseconds: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveIssue {
    /// `ROOM_TAKEN`, `HOST_BUSY`, `MISSING_EQUIPMENT`, `CROSSES_BREAK`, `OUTSIDE_GRID`
    /// (hard: the move is refused) or `OVER_CAPACITY`, `ATTENDEE_CLASH` (warnings).
    pub kind: String,
    pub hard: bool,
    /// In words, in the viewer's language.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub session: Session,
    /// Other sessions of the agenda that overlap this one.
    pub clashes_with: Vec<SessionRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomNowNext {
    pub room: Room,
    pub now: Option<Session>,
    pub next: Option<Session>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BarcampChange {
    /// The audit action: `barcamp.session.move`, `barcamp.session.cancel`, `barcamp.schedule`…
    pub action: String,
    pub session_id: Option<String>,
}
