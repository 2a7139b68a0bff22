//! General-assembly documents: assemblies and agenda, convocation, proxies, check-in,
//! motions and voting, live results.

use crate::dto::assemblies::{
    AgendaItemInput, Assembly, AssemblyEvent, AssemblyInput, AssemblySummary, AttendanceRow,
    CastResult, Choice, MajorityRule, MotionInput,
};
use crate::dto::Connection;
use serde::{Deserialize, Serialize};

pub use crate::queries::labs::Single;

macro_rules! person {
    () => {
        "{ id displayName }"
    };
}

macro_rules! proxy {
    () => {
        concat!("id principal ", person!(), " holder ", person!(), " status")
    };
}

macro_rules! assembly {
    () => {
        concat!(
            "id kind title startsAt place language status firstConvocation { id title startsAt } convenedAt ",
            "agenda { id number depth title body documents { title url } statutory frozen } ",
            "motions { id itemId text rule { code name quorumNum quorumDen majorityNum majorityDen strict } ballot status turnout ",
            "tally { yes no abstain } result { passed verdict tally { yes no abstain } presentOrRepresented members explanation } ",
            "openVotes { member ",
            person!(),
            " choice } openMarks { member ",
            person!(),
            " candidate ",
            person!(),
            " choice } receipts myRights { member ",
            person!(),
            " own cast choice } ",
            "election { ready params fingerprint trustees { index person ",
            person!(),
            " keyPosted decrypted } myTrusteeIndex ballots encryptedTally decrypted } ",
            "kind seats mode candidates { person ",
            person!(),
            " accepted } electionResult { seats filled ballots explanation candidates { person ",
            person!(),
            " tally { yes no abstain } verdict elected tied } } } ",
            "members present represented viewer { effective chair present proxyGiven { ",
            proxy!(),
            " } proxiesHeld { ",
            proxy!(),
            " } }"
        )
    };
}

pub type AssemblyResult = Single<Assembly>;

pub const ASSEMBLIES: &str = "query Assemblies($first: Int, $after: String) { assemblies(first: $first, after: $after) { edges { node { id kind title startsAt place status } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Default, Serialize)]
pub struct PageVars {
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AssembliesData {
    pub assemblies: Connection<AssemblySummary>,
}

pub const ASSEMBLY: &str = concat!(
    "query Assembly($id: ID!) { assembly(id: $id) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct IdVars {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AssemblyData {
    pub assembly: Option<Assembly>,
}

pub const CREATE_ASSEMBLY: &str = concat!(
    "mutation CreateAssembly($input: AssemblyInput!) { createAssembly(input: $input) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct CreateAssemblyVars {
    pub input: AssemblyInput,
}

pub const ADD_AGENDA_ITEM: &str = concat!(
    "mutation AddAgendaItem($assemblyId: ID!, $input: AgendaItemInput!) { addAgendaItem(assemblyId: $assemblyId, input: $input) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddAgendaItemVars {
    pub assembly_id: String,
    pub input: AgendaItemInput,
}

/// Refused for statutory items once convened (`AGENDA_FROZEN`).
pub const REMOVE_AGENDA_ITEM: &str = concat!(
    "mutation RemoveAgendaItem($itemId: ID!) { removeAgendaItem(itemId: $itemId) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemIdVars {
    pub item_id: String,
}

pub const ADD_MOTION: &str = concat!(
    "mutation AddMotion($itemId: ID!, $input: MotionInput!) { addMotion(itemId: $itemId, input: $input) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddMotionVars {
    pub item_id: String,
    pub input: MotionInput,
}

/// Sends the convocation: refused closer to the date than the convocation delay
/// (`CONVOCATION_TOO_LATE`); freezes statutory items.
pub const CONVENE: &str = concat!(
    "mutation Convene($id: ID!) { conveneAssembly(assemblyId: $id) { ",
    assembly!(),
    " } }"
);

pub const OPEN_SESSION: &str = concat!(
    "mutation OpenSession($id: ID!) { openSession(assemblyId: $id) { ",
    assembly!(),
    " } }"
);

pub const CLOSE_SESSION: &str = concat!(
    "mutation CloseSession($id: ID!) { closeSession(assemblyId: $id) { ",
    assembly!(),
    " } }"
);

/// An effective member gives their proxy to another effective member, by email.
pub const GIVE_PROXY: &str = concat!(
    "mutation GiveProxy($id: ID!, $holderEmail: String!) { giveProxy(assemblyId: $id, holderEmail: $holderEmail) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GiveProxyVars {
    pub id: String,
    pub holder_email: String,
}

/// The holder accepts (refused beyond the cap: `PROXY_CAP_REACHED`) or declines.
pub const ANSWER_PROXY: &str = concat!(
    "mutation AnswerProxy($proxyId: ID!, $accept: Boolean!) { answerProxy(proxyId: $proxyId, accept: $accept) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerProxyVars {
    pub proxy_id: String,
    pub accept: bool,
}

/// The principal takes their proxy back (until the session opens).
pub const REVOKE_PROXY: &str = concat!(
    "mutation RevokeProxy($id: ID!) { revokeProxy(assemblyId: $id) { ",
    assembly!(),
    " } }"
);

/// Self check-in (no `userId`) or by the chair for someone in the room.
pub const CHECK_IN: &str = concat!(
    "mutation CheckIn($id: ID!, $userId: ID) { checkIn(assemblyId: $id, userId: $userId) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckInVars {
    pub id: String,
    pub user_id: Option<String>,
}

/// The chair's list of effective members.
pub const ATTENDANCE: &str = "query Attendance($id: ID!, $first: Int, $after: String) { attendance(assemblyId: $id, first: $first, after: $after) { edges { node { member { id displayName } present representedBy { id displayName } } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Serialize)]
pub struct AttendanceVars {
    pub id: String,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AttendanceData {
    pub attendance: Connection<AttendanceRow>,
}

pub const OPEN_VOTING: &str = concat!(
    "mutation OpenVoting($motionId: ID!) { openVoting(motionId: $motionId) { ",
    assembly!(),
    " } }"
);

pub const CLOSE_VOTING: &str = concat!(
    "mutation CloseVoting($motionId: ID!) { closeVoting(motionId: $motionId) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MotionIdVars {
    pub motion_id: String,
}

/// The chair records (or corrects) the votes cast in the room on an open motion.
pub const RECORD_ROOM_COUNT: &str = "mutation RecordRoomCount($motionId: ID!, $input: RoomCountInput!) { recordRoomCount(motionId: $motionId, input: $input) { id status turnout tally { yes no abstain } } }";

/// A motion's room count (open ballots: at any time; secret ballots: once closed).
pub const MOTION_ROOM_COUNT: &str = "query MotionRoomCount($motionId: ID!) { motionRoomCount(motionId: $motionId) { yes no abstain note recordedAt recordedBy { id displayName } } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordRoomCountVars {
    pub motion_id: String,
    pub input: crate::dto::assemblies::RoomCountInput,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MotionRoomCountData {
    pub motion_room_count: Option<crate::dto::assemblies::RoomCount>,
}

/// Casts the vote of `memberId` (oneself, or a principal whose proxy one holds).
pub const CAST_VOTE: &str = "mutation CastVote($motionId: ID!, $memberId: ID!, $choice: Choice!) { castVote(motionId: $motionId, memberId: $memberId, choice: $choice) { motionId memberId receipt } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CastVoteVars {
    pub motion_id: String,
    pub member_id: String,
    pub choice: Choice,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CastVoteData {
    pub cast_vote: CastResult,
}

/// Elections of people: the board adds one to an agenda item (a draft, like a motion).
pub const ADD_ELECTION: &str = concat!(
    "mutation AddElection($itemId: ID!, $input: ElectionInput!) { addElection(itemId: $itemId, input: $input) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddElectionVars {
    pub item_id: String,
    pub input: crate::dto::assemblies::ElectionInput,
}

/// The board proposes an effective member as a candidate (they accept), or a member stands
/// (accepted at once), while the election is a draft.
pub const PROPOSE_CANDIDATE: &str = concat!(
    "mutation ProposeCandidate($motionId: ID!, $userId: ID!) { proposeCandidate(motionId: $motionId, userId: $userId) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidateVars {
    pub motion_id: String,
    pub user_id: String,
}

/// The proposed candidate accepts to stand.
pub const ACCEPT_CANDIDACY: &str = concat!(
    "mutation AcceptCandidacy($motionId: ID!) { acceptCandidacy(motionId: $motionId) { ",
    assembly!(),
    " } }"
);

/// A candidate withdraws, or the board removes a candidacy, while the election is a draft.
pub const WITHDRAW_CANDIDACY: &str = concat!(
    "mutation WithdrawCandidacy($motionId: ID!, $userId: ID!) { withdrawCandidacy(motionId: $motionId, userId: $userId) { ",
    assembly!(),
    " } }"
);

/// Casts `memberId`'s election ballot (open or secret ballot). `APPROVAL`: a `YES` mark per
/// approved candidate, at most the seats; `PER_CANDIDATE`: one mark per candidate.
pub const CAST_ELECTION_BALLOT: &str = "mutation CastElectionBallot($motionId: ID!, $memberId: ID!, $marks: [CandidateMarkInput!]!) { castElectionBallot(motionId: $motionId, memberId: $memberId, marks: $marks) { motionId memberId receipt } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CastElectionVars {
    pub motion_id: String,
    pub member_id: String,
    pub marks: Vec<crate::dto::assemblies::CandidateMarkInput>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CastElectionData {
    pub cast_election_ballot: CastResult,
}

/// Encrypted ballots: a trustee posts the public part of its key
/// (`crate::voting::BasicTrustee` as JSON) while the motion is a draft.
pub const SUBMIT_TRUSTEE_KEY: &str = concat!(
    "mutation SubmitTrusteeKey($motionId: ID!, $key: String!) { submitTrusteeKey(motionId: $motionId, key: $key) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrusteeKeyVars {
    pub motion_id: String,
    pub key: String,
}

/// The board names another trustee in place of trustee `trusteeIndex` while the encrypted
/// motion is a draft; that trustee's key is dropped and the new one posts its own.
pub const REPLACE_TRUSTEE: &str = concat!(
    "mutation ReplaceTrustee($motionId: ID!, $trusteeIndex: Int!, $userId: ID!) { replaceTrustee(motionId: $motionId, trusteeIndex: $trusteeIndex, userId: $userId) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplaceTrusteeVars {
    pub motion_id: String,
    pub trustee_index: i32,
    pub user_id: String,
}

/// Encrypted ballots: casts `memberId`'s ballot (`crate::voting::Ballot` as JSON, made in the
/// page); the receipt is the ballot's tracker.
pub const CAST_ENCRYPTED_BALLOT: &str = "mutation CastEncryptedBallot($motionId: ID!, $memberId: ID!, $ballot: String!) { castEncryptedBallot(motionId: $motionId, memberId: $memberId, ballot: $ballot) { motionId memberId receipt } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CastEncryptedVars {
    pub motion_id: String,
    pub member_id: String,
    pub ballot: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CastEncryptedData {
    pub cast_encrypted_ballot: CastResult,
}

/// Encrypted ballots: a trustee posts its partial decryption of the closed motion's tally
/// (`crate::voting::PartialDecryption` as JSON); the last one decrypts the totals.
pub const SUBMIT_PARTIAL_DECRYPTION: &str = concat!(
    "mutation SubmitPartialDecryption($motionId: ID!, $decryption: String!) { submitPartialDecryption(motionId: $motionId, decryption: $decryption) { ",
    assembly!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartialDecryptionVars {
    pub motion_id: String,
    pub decryption: String,
}

/// The public board of an encrypted vote: every ballot's tracker, sorted, no voter.
pub const BALLOT_TRACKERS: &str = "query BallotTrackers($motionId: ID!, $first: Int, $after: String) { ballotTrackers(motionId: $motionId, first: $first, after: $after) { edges { node } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BallotTrackersVars {
    pub motion_id: String,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BallotTrackersData {
    pub ballot_trackers: Connection<String>,
}

/// The ballot box of an encrypted vote: every ballot (`crate::voting::Ballot` as JSON) in
/// tracker order; a trustee's page sums it before decrypting.
pub const BALLOT_BOX: &str = "query BallotBox($motionId: ID!, $first: Int, $after: String) { ballotBox(motionId: $motionId, first: $first, after: $after) { edges { node } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BallotBoxData {
    pub ballot_box: Connection<String>,
}

/// The election record (`crate::voting::ElectionRecord` as JSON) once the totals are
/// decrypted; `constellation verify-election FILE` re-checks it.
pub const ELECTION_RECORD: &str =
    "query ElectionRecord($motionId: ID!) { electionRecord(motionId: $motionId) }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ElectionRecordData {
    pub election_record: Option<String>,
}

pub const MAJORITY_RULES: &str = "query MajorityRules { majorityRules { code name quorumNum quorumDen majorityNum majorityDen strict } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MajorityRulesData {
    pub majority_rules: Vec<MajorityRule>,
}

/// Live turnout and (open ballots) tallies (over the graphql-transport-ws socket).
pub const LIVE: &str = "subscription AssemblyLive($id: ID!) { assemblyLive(assemblyId: $id) { kind motionId turnout tally { yes no abstain } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveData {
    pub assembly_live: AssemblyEvent,
}

/// Minutes, once closed: `GET /export/assemblies/{id}/minutes.md` and `…/minutes.html`.
pub fn minutes_path(id: &str, html: bool) -> String {
    format!(
        "/export/assemblies/{id}/minutes.{}",
        if html { "html" } else { "md" }
    )
}
