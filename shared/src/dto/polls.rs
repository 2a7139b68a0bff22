//! Polls outside assemblies: for the association's members or one Lab's, single choice,
//! approval or ranked, open (who answered what is shown to the audience) or anonymous, with a
//! closing date. The rules (valid answers, the tally) are in `rules::polls`.

use serde::{Deserialize, Serialize};

wire_enum!(
    /// How one answers: one option, any non-empty set of options, or a ranking (full or
    /// partial, decided by the Schulze method).
    PollKind {
        Single => "SINGLE",
        Approval => "APPROVAL",
        Ranked => "RANKED",
    }
);

wire_enum!(
    /// `OPEN`: the audience sees who answered what, live, and one may change one's answer
    /// until the close. `ANONYMOUS`: who took part is stored apart from an unlinked answer,
    /// which cannot be changed; results appear at the close.
    PollVisibility {
        Open => "OPEN",
        Anonymous => "ANONYMOUS",
    }
);

wire_enum!(
    /// Who is asked: the association's members (effective and adherent members, the board,
    /// admins), or the active members of one Lab.
    PollAudience {
        Members => "MEMBERS",
        Lab => "LAB",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct CreatePollInput {
    pub title: String,
    pub description: String,
    /// 2 to 20 short texts, distinct.
    pub options: Vec<String>,
    pub kind: PollKind,
    pub visibility: PollVisibility,
    /// Absent: the association's members (created by the board); present: that Lab's members
    /// (created by one of its coordinators).
    pub lab_id: Option<String>,
    /// RFC 3339, in the future and at most a year ahead.
    pub closes_at: String,
}

/// A poll as its audience sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Poll {
    pub id: String,
    pub title: String,
    pub description: String,
    pub kind: PollKind,
    pub visibility: PollVisibility,
    pub audience: PollAudience,
    pub lab: Option<crate::dto::resources::LabRef>,
    pub author: Option<crate::dto::labs::PersonRef>,
    pub options: Vec<String>,
    pub closes_at: String,
    pub closed: bool,
    /// Closed by its author before the date.
    pub closed_early: bool,
    pub created_at: String,
    /// How many answered.
    pub answer_count: i32,
    /// Whether the caller answered.
    pub answered: bool,
    /// The caller's answer (option indices), `OPEN` polls only: an anonymous answer keeps no
    /// link to the person.
    pub my_choice: Option<Vec<i32>>,
    /// The caller is in the audience and the poll is open (anonymous: not yet answered).
    pub can_answer: bool,
    /// The caller is the author and the poll is open.
    pub can_close: bool,
    /// Absent until the caller may see them: live for `OPEN` polls, at the close for
    /// `ANONYMOUS` ones.
    #[serde(default)]
    pub results: Option<PollOutcome>,
}

/// A poll's result. Ties are reported (more than one winner), never broken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollOutcome {
    pub ballots: i32,
    /// Per option, in the poll's order: chosen (`SINGLE`), approved (`APPROVAL`), ranked
    /// first (`RANKED`).
    pub counts: Vec<i32>,
    /// Option indices, first place first; indices sharing a place are in one list.
    pub ranking: Vec<Vec<i32>>,
    pub winners: Vec<i32>,
    pub tied: bool,
    /// `RANKED`: `pairwise[i][j]` ballots preferring option `i` to option `j`.
    pub pairwise: Option<Vec<Vec<i32>>>,
    /// `RANKED`: strengths of the strongest paths (Schulze, winning votes).
    pub strongest: Option<Vec<Vec<i32>>>,
}

/// Who answered what, in an `OPEN` poll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollResponse {
    pub member: Option<crate::dto::labs::PersonRef>,
    pub choice: Vec<i32>,
    pub answered_at: String,
}
