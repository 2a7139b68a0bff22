//! General assemblies: convocation and agenda, proxies, attendance, motions, ballots,
//! results, minutes.

use crate::dto::labs::PersonRef;
use serde::{Deserialize, Serialize};

wire_enum!(
    AssemblyKind {
        Ordinary => "ORDINARY",
        Extraordinary => "EXTRAORDINARY",
    }
);

wire_enum!(
    /// `DRAFT` → `CONVENED` → `IN_SESSION` → `CLOSED`.
    AssemblyStatus {
        Draft => "DRAFT",
        Convened => "CONVENED",
        InSession => "IN_SESSION",
        Closed => "CLOSED",
    }
);

wire_enum!(
    /// The presets of the law; their figures are data the admins may edit.
    MajorityRuleCode {
        Simple => "SIMPLE",
        Statutes => "STATUTES",
        Purpose => "PURPOSE",
        Dissolution => "DISSOLUTION",
        Exclusion => "EXCLUSION",
    }
);

wire_enum!(
    /// `SECRET`: the server keeps unlinked plaintext ballots. `ENCRYPTED`: ballots are
    /// encrypted in the voter's page and only the trustees together decrypt the totals
    /// (`crate::voting`).
    BallotKind {
        Open => "OPEN",
        Secret => "SECRET",
        Encrypted => "ENCRYPTED",
    }
);

wire_enum!(
    /// `DRAFT` (being written) → `OPEN` (voting) → `CLOSED` (result known).
    MotionStatus {
        Draft => "DRAFT",
        Open => "OPEN",
        Closed => "CLOSED",
    }
);

wire_enum!(
    /// `MOTION`: a decision, yes / no / abstain. `ELECTION`: seats filled from candidates.
    MotionKind {
        Motion => "MOTION",
        Election => "ELECTION",
    }
);

wire_enum!(
    /// How an election is voted, as the statutes say: `APPROVAL` (approve up to the number of
    /// seats) or `PER_CANDIDATE` (yes / no / abstain on each candidate).
    ElectionMode {
        Approval => "APPROVAL",
        PerCandidate => "PER_CANDIDATE",
    }
);

wire_enum!(
    Choice {
        Yes => "YES",
        No => "NO",
        Abstain => "ABSTAIN",
    }
);

wire_enum!(
    /// `PENDING` until the holder accepts; `RECLAIMED` when the principal checked in.
    ProxyStatus {
        Pending => "PENDING",
        Accepted => "ACCEPTED",
        Declined => "DECLINED",
        Revoked => "REVOKED",
        Reclaimed => "RECLAIMED",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct AssemblyInput {
    pub kind: AssemblyKind,
    pub title: String,
    /// RFC 3339 instant.
    pub starts_at: String,
    /// A place or a link.
    pub place: String,
    /// Language of the minutes.
    pub language: crate::Language,
    /// For a second convocation: the first assembly (at least 15 days earlier).
    pub first_convocation_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct DocumentInput {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct AgendaItemInput {
    /// "2", "2.1", "3.a" — the parent is the item whose number is the prefix.
    pub number: String,
    pub title: String,
    pub body: String,
    pub documents: Vec<DocumentInput>,
    /// Carries a change of the statutes or of the purpose: frozen once convened.
    pub statutory: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct MotionInput {
    pub text: String,
    pub rule: MajorityRuleCode,
    pub ballot: BallotKind,
}

/// An election of people on an agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct ElectionInput {
    /// What is filled, e.g. "Four seats on the board".
    pub text: String,
    /// The majority each candidate needs.
    pub rule: MajorityRuleCode,
    /// `ENCRYPTED` only with `APPROVAL`.
    pub ballot: BallotKind,
    pub seats: i32,
    pub mode: ElectionMode,
}

/// One mark of an election ballot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct CandidateMarkInput {
    pub candidate_id: String,
    pub choice: Choice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub person: Option<PersonRef>,
    /// The candidate accepted to stand; only accepted candidates are on the ballot.
    pub accepted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidateResult {
    pub person: Option<PersonRef>,
    pub tally: Tally,
    /// `PASSED` (had the majority), `REJECTED`, `NO_VOTES_CAST`, `QUORUM_NOT_MET`.
    pub verdict: String,
    pub elected: bool,
    /// Tied for the last seats: the assembly decides (never broken by the count).
    pub tied: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ElectionResult {
    pub seats: i32,
    pub filled: i32,
    pub ballots: i32,
    pub candidates: Vec<CandidateResult>,
    /// In the viewer's language: the rule and who is elected, ties named.
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssemblySummary {
    pub id: String,
    pub kind: AssemblyKind,
    pub title: String,
    pub starts_at: String,
    pub place: String,
    pub status: AssemblyStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub id: String,
    pub number: String,
    /// 0 for "2", 1 for "2.1"…
    pub depth: i32,
    pub title: String,
    pub body: String,
    pub documents: Vec<Document>,
    pub statutory: bool,
    /// Statutory items are frozen once the assembly is convened.
    pub frozen: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MajorityRule {
    pub code: MajorityRuleCode,
    pub name: String,
    pub quorum_num: i32,
    /// 0: no quorum.
    pub quorum_den: i32,
    pub majority_num: i32,
    pub majority_den: i32,
    /// More than the share (simple majority) rather than at least.
    pub strict: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    pub yes: i32,
    pub no: i32,
    pub abstain: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MotionResult {
    pub passed: bool,
    /// `PASSED`, `REJECTED`, `NO_VOTES_CAST`, `QUORUM_NOT_MET`.
    pub verdict: String,
    pub tally: Tally,
    pub present_or_represented: i32,
    pub members: i32,
    /// In the viewer's language: the rule applied and why it passed or failed.
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenVote {
    pub member: PersonRef,
    pub choice: Choice,
}

/// One mark of an open-ballot election.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenMark {
    pub member: Option<PersonRef>,
    pub candidate: Option<PersonRef>,
    pub choice: Choice,
}

/// A vote the viewer may cast: their own, or for a principal whose proxy they hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VoteRight {
    pub member: PersonRef,
    /// `true` for the viewer's own vote.
    pub own: bool,
    /// Already cast for this motion.
    pub cast: bool,
    /// The choice, for open ballots only.
    pub choice: Option<Choice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Motion {
    pub id: String,
    pub item_id: String,
    pub text: String,
    pub rule: MajorityRule,
    pub ballot: BallotKind,
    pub status: MotionStatus,
    /// Votes counted so far (ballots of both kinds).
    pub turnout: i32,
    /// Open ballots: live; secret ballots: once closed.
    pub tally: Option<Tally>,
    /// Once closed.
    pub result: Option<MotionResult>,
    /// Open ballots: who voted what (association members).
    pub open_votes: Vec<OpenVote>,
    /// Open-ballot elections: who marked which candidate how.
    #[serde(default)]
    pub open_marks: Vec<OpenMark>,
    /// Secret ballots, once closed: every receipt, without choices.
    pub receipts: Vec<String>,
    /// The viewer's votes for this motion (own and by proxy).
    pub my_rights: Vec<VoteRight>,
    /// Encrypted ballots only: the trustees, the parameters, the encrypted tally.
    #[serde(default)]
    pub election: Option<Election>,
    #[serde(default = "MotionKind::default_kind")]
    pub kind: MotionKind,
    /// Elections: seats, mode, candidates and, once counted, the result.
    #[serde(default)]
    pub seats: Option<i32>,
    #[serde(default)]
    pub mode: Option<ElectionMode>,
    #[serde(default)]
    pub candidates: Vec<Candidate>,
    #[serde(default)]
    pub election_result: Option<ElectionResult>,
}

impl MotionKind {
    fn default_kind() -> Self {
        Self::Motion
    }
}

/// An encrypted vote (`BallotKind::Encrypted`): its trustees and public values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Election {
    /// Every trustee posted its key: voting may open.
    pub ready: bool,
    /// `crate::voting::ElectionParams` as JSON, once ready.
    pub params: Option<String>,
    /// Hex SHA-256 of the parameters, to compare through another channel.
    pub fingerprint: Option<String>,
    pub trustees: Vec<ElectionTrustee>,
    /// The viewer's trustee index, if the viewer is a trustee.
    pub my_trustee_index: Option<i32>,
    /// Ballots in the box.
    pub ballots: i32,
    /// `crate::voting::EncryptedTally` as JSON, once voting is closed.
    pub encrypted_tally: Option<String>,
    /// The totals are decrypted and the record is published.
    pub decrypted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ElectionTrustee {
    pub index: i32,
    pub person: Option<PersonRef>,
    pub key_posted: bool,
    pub decrypted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proxy {
    pub id: String,
    pub principal: PersonRef,
    pub holder: PersonRef,
    pub status: ProxyStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssemblyViewer {
    /// An effective member (may vote, give or hold proxies).
    pub effective: bool,
    /// Board or admin: chairs the session.
    pub chair: bool,
    pub present: bool,
    /// The proxy the viewer gave, if any (not revoked or declined).
    pub proxy_given: Option<Proxy>,
    /// Proxies given to the viewer.
    pub proxies_held: Vec<Proxy>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssemblyRef {
    pub id: String,
    pub title: String,
    pub starts_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assembly {
    pub id: String,
    pub kind: AssemblyKind,
    pub title: String,
    pub starts_at: String,
    pub place: String,
    pub language: crate::Language,
    pub status: AssemblyStatus,
    pub first_convocation: Option<AssemblyRef>,
    pub convened_at: Option<String>,
    /// Agenda items in order, as a flattened tree (see `depth`).
    pub agenda: Vec<AgendaItem>,
    pub motions: Vec<Motion>,
    pub members: i32,
    pub present: i32,
    pub represented: i32,
    pub viewer: AssemblyViewer,
}

/// One effective member on the chair's check-in list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceRow {
    pub member: PersonRef,
    pub present: bool,
    /// Who holds their accepted proxy, if any.
    pub represented_by: Option<PersonRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CastResult {
    pub motion_id: String,
    pub member_id: String,
    /// Secret ballots: the receipt to look for in the published list.
    pub receipt: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssemblyEvent {
    /// `VOTE`, `VOTING_OPENED`, `VOTING_CLOSED`, `CHECK_IN`, `SESSION`.
    pub kind: String,
    pub motion_id: Option<String>,
    pub turnout: i32,
    /// Open ballots only, and every ballot once closed.
    pub tally: Option<Tally>,
}

/// Votes cast in the room (paper, show of hands) on a motion, as the chair counted them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct RoomCountInput {
    pub yes: i32,
    pub no: i32,
    pub abstain: i32,
    /// How the count was taken (at most 1,000 characters); may be empty.
    #[serde(default)]
    pub note: String,
}

/// A motion's recorded room count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomCount {
    pub yes: i32,
    pub no: i32,
    pub abstain: i32,
    pub note: String,
    pub recorded_at: String,
    pub recorded_by: Option<PersonRef>,
}
