//! The polls' documents: the list of polls one may answer (open first), one poll with its
//! results, who answered what (open polls), the Labs one may ask, creating, answering and
//! closing a poll.

use crate::dto::polls::{CreatePollInput, Poll, PollResponse};
use crate::dto::resources::LabRef;
use crate::dto::Connection;
use serde::{Deserialize, Serialize};

/// A poll's fields for lists and pages; `POLL_RESULTS` adds its results.
macro_rules! poll_fields {
    () => {
        "id title description kind visibility audience lab { id slug name status } author { id displayName } options closesAt closed closedEarly createdAt answerCount answered myChoice canAnswer canClose"
    };
}

/// With the results (absent until the caller may see them).
macro_rules! poll_with_results {
    () => {
        concat!(
            poll_fields!(),
            " results { ballots counts ranking winners tied pairwise strongest }"
        )
    };
}

pub const POLLS: &str = concat!(
    "query Polls($labId: ID, $first: Int, $after: String) { polls(labId: $labId, first: $first, after: $after) { edges { node { ",
    poll_fields!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PollsVars {
    pub lab_id: Option<String>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PollsData {
    pub polls: Connection<Poll>,
}

pub const POLL: &str = concat!(
    "query Poll($id: ID!) { poll(id: $id) { ",
    poll_with_results!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct IdVars {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PollData {
    pub poll: Poll,
}

pub const POLL_RESPONSES: &str = "query PollResponses($id: ID!, $first: Int, $after: String) { poll(id: $id) { id responses(first: $first, after: $after) { edges { node { member { id displayName } choice answeredAt } } pageInfo { hasNextPage endCursor } } } }";

#[derive(Debug, Clone, Serialize)]
pub struct ResponsesVars {
    pub id: String,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PollResponses {
    pub id: String,
    /// Absent for anonymous polls.
    pub responses: Option<Connection<PollResponse>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ResponsesData {
    pub poll: PollResponses,
}

pub const POLL_LABS: &str = "query PollLabs($first: Int, $after: String) { pollLabs(first: $first, after: $after) { edges { node { id slug name status } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Default, Serialize)]
pub struct PageVars {
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollLabsData {
    pub poll_labs: Connection<LabRef>,
}

pub const CREATE_POLL: &str = concat!(
    "mutation CreatePoll($input: CreatePollInput!) { createPoll(input: $input) { ",
    poll_with_results!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct CreateVars {
    pub input: CreatePollInput,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateData {
    pub create_poll: Poll,
}

pub const ANSWER_POLL: &str = concat!(
    "mutation AnswerPoll($pollId: ID!, $choice: [Int!]!) { answerPoll(pollId: $pollId, choice: $choice) { ",
    poll_with_results!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerVars {
    pub poll_id: String,
    pub choice: Vec<i32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerData {
    pub answer_poll: Poll,
}

pub const CLOSE_POLL: &str = concat!(
    "mutation ClosePoll($pollId: ID!) { closePoll(pollId: $pollId) { ",
    poll_with_results!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PollIdVars {
    pub poll_id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CloseData {
    pub close_poll: Poll,
}
