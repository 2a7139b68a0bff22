//! The transition of hosted services: the plan, the inventory and its import, paths and
//! statuses, hand-overs, the working group's hosts, guides and support, offers, the CHATONS
//! poll and the dashboard. Resolvers are thin; the rules are in `domain::transition`.

pub mod figures;
pub mod loaders;
mod mutation;
mod query;
pub mod types;

pub use mutation::TransitionMutation;
pub use query::TransitionQuery;
