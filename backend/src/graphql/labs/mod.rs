//! Labs: the directory, a Lab with its framing, members, projects and history; proposals,
//! reviews, framing changes, membership. Resolvers are thin: rules are in `domain::labs`,
//! `domain::labs::members`; relations go through loaders.

use super::accounts::{parse_uuid, User};
use super::context::ContextExt;
use super::error::GqlResultExt;
use super::loaders::{
    Cached, CurrentRules, EventsLoader, FramingLoader, MembersLoader, ProjectsLoader, RulesLoader,
    UserLoader,
};
use super::pagination::{from_rows, page_size, slice, Page};
use crate::domain::{flows, labs, labs::members, Actor, DomainError};
use crate::entities::{lab, lab_event, lab_framing, lab_member};
use async_graphql::dataloader::Loader;
use async_graphql::{Context, Object, Result, ID};
use constellation_shared::dto::labs::{
    FramingInput, FramingStatus, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy,
    ProposeLabInput, ReviewDecision,
};
use std::hash::Hash;
use uuid::Uuid;

pub mod common_rules;
mod lab_object;
pub mod projects;

use projects::Project;
mod mutation;
mod objects;
mod query;
pub use lab_object::*;
pub use mutation::*;
pub use objects::*;
pub use query::*;

/// Loads one key through the schema's loader of type `L`.
pub async fn load<L, K>(ctx: &Context<'_>, key: K) -> Result<Option<L::Value>>
where
    L: Loader<K, Error = super::loaders::LoadError>,
    K: Send + Sync + Hash + Eq + Clone + 'static,
{
    ctx.data_unchecked::<Cached<L>>()
        .load_one(key)
        .await
        .map_err(|_| DomainError::internal("loader"))
        .gql()
}

pub async fn person(ctx: &Context<'_>, id: Uuid) -> Result<Option<User>> {
    Ok(load::<UserLoader, _>(ctx, id).await?.map(User::from))
}
