//! The schema: its roots merged from each domain, its limits, its loaders.

use super::accounts::{self, members, recovery};
use super::labs::{self, common_rules, projects};
use super::reach::{home, notifications, outbox};
use super::{assemblies, audit, barcamp, resources};
use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::domain::Env;
use async_graphql::{MergedObject, MergedSubscription, Schema};

#[derive(MergedObject, Default)]
pub struct QueryRoot(
    accounts::AccountsQuery,
    audit::AuditQuery,
    labs::LabsQuery,
    projects::ProjectsQuery,
    common_rules::CommonRulesQuery,
    resources::ResourcesQuery,
    barcamp::BarcampQuery,
    assemblies::AssembliesQuery,
    assemblies::ElectionQuery,
    notifications::NotificationsQuery,
    home::HomeQuery,
    outbox::OutboxQuery,
    members::MembersQuery,
    super::transition::TransitionQuery,
    super::assemblies::room_counts::RoomCountQuery,
    super::polls::PollsQuery,
);

#[derive(MergedObject, Default)]
pub struct MutationRoot(
    accounts::AccountsMutation,
    labs::LabsMutation,
    projects::ProjectsMutation,
    common_rules::CommonRulesMutation,
    resources::ResourcesMutation,
    barcamp::BarcampMutation,
    assemblies::AssembliesMutation,
    assemblies::ElectionMutation,
    assemblies::ElectionsMutation,
    notifications::NotificationsMutation,
    outbox::OutboxMutation,
    recovery::RecoveryMutation,
    members::MembersMutation,
    super::transition::TransitionMutation,
    super::assemblies::room_counts::RoomCountMutation,
    super::polls::PollsMutation,
);

#[derive(MergedSubscription, Default)]
pub struct SubscriptionRoot(
    audit::AuditSubscription,
    barcamp::BarcampSubscription,
    assemblies::AssembliesSubscription,
    notifications::NotificationsSubscription,
);

pub type AppSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

pub fn build_schema(env: Env, jwt: JwtKeys, config: &Config) -> AppSchema {
    let mut builder = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        SubscriptionRoot::default(),
    )
    .data(env)
    .data(jwt)
    .limit_depth(config.max_query_depth)
    .limit_complexity(config.max_query_complexity)
    .limit_recursive_depth(32)
    .limit_directives(16)
    .extension(super::limits::FieldLimit(config.max_query_fields));
    if !config.introspection {
        builder = builder.disable_introspection();
    }
    builder.finish()
}

/// The SDL, for `constellation schema`.
pub fn sdl() -> String {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        SubscriptionRoot::default(),
    )
    .finish()
    .sdl()
}
