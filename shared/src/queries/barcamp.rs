//! Barcamp documents: editions, rooms and slots, registration, sessions, interest, the
//! scheduler, hand moves, the published schedule, the personal agenda, live changes.

use crate::dto::barcamp::{
    AgendaItem, BarcampChange, BarcampPhase, Edition, EditionInput, EditionSummary, MoveIssue,
    RoomInput, RoomNowNext, SchedulerRun, Session, SessionInput, SlotInput,
};
use crate::dto::Connection;
use serde::{Deserialize, Serialize};

pub use crate::queries::labs::Single;

macro_rules! room {
    () => {
        "id name capacity equipment"
    };
}

macro_rules! slot {
    () => {
        "id day start end startsAt endsAt"
    };
}

macro_rules! edition {
    () => {
        concat!(
            "id year title startsOn endsOn venue timezone phase rooms { ",
            room!(),
            " } slots { ",
            slot!(),
            " } organisers { id displayName } registrationCount viewer { registered organiser feedPath }"
        )
    };
}

macro_rules! session {
    () => {
        concat!(
            "id title description format length equipment status lab { id slug name } hosts { id displayName } interestCount interested canEdit room { ",
            room!(),
            " } slots { ",
            slot!(),
            " } pinned unplacedReason statusReason mergedInto { id title }"
        )
    };
}

pub type EditionResult = Single<Edition>;
pub type SessionResult = Single<Session>;

pub const EDITIONS: &str = "query Editions($first: Int, $after: String) { barcampEditions(first: $first, after: $after) { edges { node { id year title startsOn endsOn venue phase } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Default, Serialize)]
pub struct EditionsVars {
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditionsData {
    pub barcamp_editions: Connection<EditionSummary>,
}

/// One edition by id, or by year.
pub const EDITION: &str = concat!(
    "query Edition($id: ID, $year: Int) { barcampEdition(id: $id, year: $year) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Default, Serialize)]
pub struct EditionVars {
    pub id: Option<String>,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditionData {
    pub barcamp_edition: Option<Edition>,
}

pub const CREATE_EDITION: &str = concat!(
    "mutation CreateEdition($input: EditionInput!) { createBarcampEdition(input: $input) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct CreateEditionVars {
    pub input: EditionInput,
}

pub const UPDATE_EDITION: &str = concat!(
    "mutation UpdateEdition($editionId: ID!, $input: EditionInput!) { updateBarcampEdition(editionId: $editionId, input: $input) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateEditionVars {
    pub edition_id: String,
    pub input: EditionInput,
}

/// One step forwards or back.
pub const SET_PHASE: &str = concat!(
    "mutation SetPhase($editionId: ID!, $phase: BarcampPhase!) { setBarcampPhase(editionId: $editionId, phase: $phase) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetPhaseVars {
    pub edition_id: String,
    pub phase: BarcampPhase,
}

/// The board names (or removes) an organiser, by email.
pub const SET_ORGANISER: &str = concat!(
    "mutation SetOrganiser($editionId: ID!, $email: String!, $organiser: Boolean!) { setBarcampOrganiser(editionId: $editionId, email: $email, organiser: $organiser) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetOrganiserVars {
    pub edition_id: String,
    pub email: String,
    pub organiser: bool,
}

pub const ADD_ROOM: &str = concat!(
    "mutation AddRoom($editionId: ID!, $input: RoomInput!) { addBarcampRoom(editionId: $editionId, input: $input) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddRoomVars {
    pub edition_id: String,
    pub input: RoomInput,
}

pub const UPDATE_ROOM: &str = concat!(
    "mutation UpdateRoom($roomId: ID!, $input: RoomInput!) { updateBarcampRoom(roomId: $roomId, input: $input) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRoomVars {
    pub room_id: String,
    pub input: RoomInput,
}

/// Refused while a session is placed in the room.
pub const REMOVE_ROOM: &str = concat!(
    "mutation RemoveRoom($roomId: ID!) { removeBarcampRoom(roomId: $roomId) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomIdVars {
    pub room_id: String,
}

pub const ADD_SLOT: &str = concat!(
    "mutation AddSlot($editionId: ID!, $input: SlotInput!) { addBarcampSlot(editionId: $editionId, input: $input) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddSlotVars {
    pub edition_id: String,
    pub input: SlotInput,
}

/// Refused while a session is placed in the slot.
pub const REMOVE_SLOT: &str = concat!(
    "mutation RemoveSlot($slotId: ID!) { removeBarcampSlot(slotId: $slotId) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotIdVars {
    pub slot_id: String,
}

pub const REGISTER: &str = concat!(
    "mutation RegisterBarcamp($editionId: ID!) { registerForBarcamp(editionId: $editionId) { ",
    edition!(),
    " } }"
);

pub const UNREGISTER: &str = concat!(
    "mutation UnregisterBarcamp($editionId: ID!) { unregisterFromBarcamp(editionId: $editionId) { ",
    edition!(),
    " } }"
);

/// A new private feed address (the old one stops working).
pub const RESET_FEED: &str = concat!(
    "mutation ResetFeed($editionId: ID!) { resetBarcampFeed(editionId: $editionId) { ",
    edition!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditionIdVars {
    pub edition_id: String,
}

/// Sessions of an edition in proposal order (all statuses unless filtered). Pages of up to
/// 100: the schedule grid reads every page.
pub const SESSIONS: &str = concat!(
    "query Sessions($editionId: ID!, $status: SessionStatus, $first: Int, $after: String) { barcampSessions(editionId: $editionId, status: $status, first: $first, after: $after) { edges { node { ",
    session!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionsVars {
    pub edition_id: String,
    pub status: Option<crate::dto::barcamp::SessionStatus>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionsData {
    pub barcamp_sessions: Connection<Session>,
}

pub const SESSION: &str = concat!(
    "query Session($id: ID!) { barcampSession(id: $id) { ",
    session!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct IdVars {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionData {
    pub barcamp_session: Option<Session>,
}

pub const PROPOSE_SESSION: &str = concat!(
    "mutation ProposeSession($editionId: ID!, $input: SessionInput!) { proposeBarcampSession(editionId: $editionId, input: $input) { ",
    session!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposeSessionVars {
    pub edition_id: String,
    pub input: SessionInput,
}

pub const EDIT_SESSION: &str = concat!(
    "mutation EditSession($sessionId: ID!, $input: SessionInput!) { editBarcampSession(sessionId: $sessionId, input: $input) { ",
    session!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditSessionVars {
    pub session_id: String,
    pub input: SessionInput,
}

/// Organisers decline (before the schedule is published) or cancel (once placed) a session,
/// always with a reason.
pub const DECLINE_SESSION: &str = concat!(
    "mutation DeclineSession($sessionId: ID!, $reason: String!) { declineBarcampSession(sessionId: $sessionId, reason: $reason) { ",
    session!(),
    " } }"
);

pub const CANCEL_SESSION: &str = concat!(
    "mutation CancelSession($sessionId: ID!, $reason: String!) { cancelBarcampSession(sessionId: $sessionId, reason: $reason) { ",
    session!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonVars {
    pub session_id: String,
    pub reason: String,
}

/// Merges `sessionId` into `intoId`: its hosts become co-hosts, its interest moves over.
pub const MERGE_SESSION: &str = concat!(
    "mutation MergeSession($sessionId: ID!, $intoId: ID!, $reason: String!) { mergeBarcampSession(sessionId: $sessionId, intoId: $intoId, reason: $reason) { ",
    session!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeVars {
    pub session_id: String,
    pub into_id: String,
    pub reason: String,
}

pub const SET_INTEREST: &str = concat!(
    "mutation SetInterest($sessionId: ID!, $interested: Boolean!) { setBarcampInterest(sessionId: $sessionId, interested: $interested) { ",
    session!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetInterestVars {
    pub session_id: String,
    pub interested: bool,
}

/// Places every programme session that is not pinned, around the pinned ones.
pub const RUN_SCHEDULER: &str = "mutation RunScheduler($editionId: ID!) { runBarcampScheduler(editionId: $editionId) { placed pinned unplaced { session { id title } reason explanation } objective greedyObjective milliseconds } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSchedulerData {
    pub run_barcamp_scheduler: SchedulerRun,
}

/// What moving a session there would break (hard) or cost (warnings), without saving.
pub const CHECK_MOVE: &str = "query CheckMove($sessionId: ID!, $roomId: ID!, $startSlotId: ID!) { checkBarcampMove(sessionId: $sessionId, roomId: $roomId, startSlotId: $startSlotId) { kind hard message } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveVars {
    pub session_id: String,
    pub room_id: String,
    pub start_slot_id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckMoveData {
    pub check_barcamp_move: Vec<MoveIssue>,
}

/// Moves (and pins, so the scheduler leaves it there) a session; refused with
/// `SCHEDULE_CONFLICT` when a hard constraint would break.
pub const MOVE_SESSION: &str = concat!(
    "mutation MoveSession($sessionId: ID!, $roomId: ID!, $startSlotId: ID!) { moveBarcampSession(sessionId: $sessionId, roomId: $roomId, startSlotId: $startSlotId) { ",
    session!(),
    " } }"
);

pub const SET_PINNED: &str = concat!(
    "mutation SetPinned($sessionId: ID!, $pinned: Boolean!) { setBarcampPinned(sessionId: $sessionId, pinned: $pinned) { ",
    session!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetPinnedVars {
    pub session_id: String,
    pub pinned: bool,
}

/// The signed-in attendee's sessions (interest or hosting), placed ones in time order,
/// with the clashes between them.
pub const MY_AGENDA: &str = concat!(
    "query MyAgenda($editionId: ID!) { myBarcampAgenda(editionId: $editionId) { session { ",
    session!(),
    " } clashesWith { id title } } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaVars {
    pub edition_id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaData {
    pub my_barcamp_agenda: Vec<AgendaItem>,
}

/// Per room: the session running at `at` (default: now) and the next one. Public once
/// published, for the venue's screen.
pub const NOW_NEXT: &str = concat!(
    "query NowNext($editionId: ID!, $at: DateTime) { barcampNowNext(editionId: $editionId, at: $at) { room { ",
    room!(),
    " } now { ",
    session!(),
    " } next { ",
    session!(),
    " } } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NowNextVars {
    pub edition_id: String,
    pub at: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NowNextData {
    pub barcamp_now_next: Vec<RoomNowNext>,
}

/// Live changes to an edition's programme (over the graphql-transport-ws socket).
pub const CHANGES: &str = "subscription Changes($editionId: ID!) { barcampChanges(editionId: $editionId) { action sessionId } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangesData {
    pub barcamp_changes: BarcampChange,
}
