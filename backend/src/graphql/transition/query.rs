//! The transition's queries. Thin: each calls one domain function.

use super::figures::{PollAnswer, PollResults, TransitionDashboard};
use super::types::{
    Guide, Offer, RecommendedHost, SupportRequest, TransitionGroup, TransitionPlan,
    TransitionService,
};
use crate::domain::transition::{
    dashboard, find_visible, group, inventory, offers, plan, poll, support,
};
use crate::graphql::accounts::parse_uuid;
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::pagination::{from_rows, page_size, Page};
use async_graphql::{Context, Object, Result, ID};
use constellation_shared::dto::transition::{
    MigrationPath, OfferStatus, ServiceKind, ServiceStatus, SupportStatus,
};

fn after_id<T: std::str::FromStr>(after: &Option<String>) -> Result<Option<T>> {
    after
        .as_ref()
        .map(|a| parse_uuid("after", &ID(a.clone())))
        .transpose()
}

#[derive(Default)]
pub struct TransitionQuery;

#[Object]
impl TransitionQuery {
    /// The transition (signed-in accounts); absent until the board sets it up.
    async fn transition_plan(&self, ctx: &Context<'_>) -> Result<Option<TransitionPlan>> {
        Ok(plan::get(ctx.env(), ctx.actor())
            .await
            .gql()?
            .map(TransitionPlan))
    }

    /// The inventory, by kind and name (the board and the working group).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn transition_services(
        &self,
        ctx: &Context<'_>,
        status: Option<ServiceStatus>,
        path: Option<MigrationPath>,
        kind: Option<ServiceKind>,
        internal: Option<bool>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<TransitionService>> {
        let limit = page_size(first)?;
        let a = after_id(&after)?;
        let filter = inventory::Filter {
            status,
            path,
            kind,
            internal,
        };
        let rows = inventory::list(ctx.env(), ctx.actor(), filter, a, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            a.is_some(),
            |s| s.id.to_string(),
            TransitionService,
        ))
    }

    /// One service: its holders, the working group, the board (others: `NOT_FOUND`).
    async fn transition_service(&self, ctx: &Context<'_>, id: ID) -> Result<TransitionService> {
        let id = parse_uuid("id", &id)?;
        find_visible(&ctx.env().db, ctx.actor(), id)
            .await
            .gql()
            .map(TransitionService)
    }

    /// The caller's own services.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn my_transition_services(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<TransitionService>> {
        let limit = page_size(first)?;
        let a = after_id(&after)?;
        let rows = inventory::mine(ctx.env(), ctx.actor(), a, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            a.is_some(),
            |s| s.id.to_string(),
            TransitionService,
        ))
    }

    /// Days left, services by status and path, at risk, progress (signed-in accounts).
    async fn transition_dashboard(&self, ctx: &Context<'_>) -> Result<TransitionDashboard> {
        dashboard::dashboard(ctx.env(), ctx.actor())
            .await
            .gql()
            .map(TransitionDashboard)
    }

    /// Collective groups, by name (signed-in accounts).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn transition_groups(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<TransitionGroup>> {
        let limit = page_size(first)?;
        let has_prev = after.is_some();
        let rows = group::groups(ctx.env(), ctx.actor(), after, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            has_prev,
            |g| g.name.clone(),
            TransitionGroup,
        ))
    }

    /// The working group's recommended hosts, by name; `kind` narrows to a kind of service.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn recommended_hosts(
        &self,
        ctx: &Context<'_>,
        kind: Option<ServiceKind>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<RecommendedHost>> {
        let limit = page_size(first)?;
        let has_prev = after.is_some();
        let rows = group::hosts(ctx.env(), ctx.actor(), kind, after, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            has_prev,
            |h| h.name.clone(),
            RecommendedHost,
        ))
    }

    /// The working group's guides, newest first.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn transition_guides(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Guide>> {
        let limit = page_size(first)?;
        let a = after_id(&after)?;
        let rows = group::guides(ctx.env(), ctx.actor(), a, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            a.is_some(),
            |g| g.id.to_string(),
            Guide,
        ))
    }

    /// Support requests, oldest first: all of them for the working group and the board (or
    /// only one's own with `mine`), one's own for everyone else.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn support_requests(
        &self,
        ctx: &Context<'_>,
        status: Option<SupportStatus>,
        mine: Option<bool>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<SupportRequest>> {
        let limit = page_size(first)?;
        let a = after_id(&after)?;
        let rows = support::list(
            ctx.env(),
            ctx.actor(),
            status,
            mine.unwrap_or(false),
            a,
            limit as u64 + 1,
        )
        .await
        .gql()?;
        Ok(from_rows(
            rows,
            limit,
            a.is_some(),
            |r| r.id.to_string(),
            SupportRequest,
        ))
    }

    /// Volunteers' offers, oldest first: all for the board, one's own for everyone else.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn transition_offers(
        &self,
        ctx: &Context<'_>,
        status: Option<OfferStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Offer>> {
        let limit = page_size(first)?;
        let a = after_id(&after)?;
        let rows = offers::list(ctx.env(), ctx.actor(), status, a, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            a.is_some(),
            |o| o.id.to_string(),
            Offer,
        ))
    }

    /// The caller's answer to the CHATONS interest poll.
    async fn my_chatons_answer(&self, ctx: &Context<'_>) -> Result<Option<PollAnswer>> {
        Ok(poll::mine(ctx.env(), ctx.actor())
            .await
            .gql()?
            .map(PollAnswer))
    }

    /// The poll's counts and who answered what (board and admins).
    async fn chatons_poll_results(&self, ctx: &Context<'_>) -> Result<PollResults> {
        poll::results(ctx.env(), ctx.actor())
            .await
            .gql()
            .map(PollResults)
    }
}
