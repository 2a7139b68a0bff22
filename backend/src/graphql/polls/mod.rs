//! Polls outside assemblies: the list one may answer, a poll with its results and who answered
//! what (open polls), the Labs one may ask; creating, answering, closing. Resolvers are thin:
//! the rules are in `domain::polls`; relations and per-viewer facts go through loaders.

pub mod loaders;
mod mutation;
mod objects;
mod query;

pub use mutation::PollsMutation;
pub use objects::{Poll, PollOutcome, PollResponse};
pub use query::PollsQuery;
