//! Common resources: pools and periods, requests and decisions, the ledger, transparency.
//! Amounts are decimal strings exact to the pool's scale.

use crate::domain::resources::requests::{self as requests, Held};
use crate::domain::resources::{self, show};
use crate::domain::DomainError;
use crate::entities::{ledger_entry, pool_period, resource_pool, resource_request};
use crate::graphql::accounts::{parse_uuid, User};
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::labs::projects::Project;
use crate::graphql::labs::{load, person, Lab};
use crate::graphql::loaders::{
    LabLoader, PeriodLoader, PeriodsByPoolLoader, PoolLoader, ProjectLoader,
};
use crate::graphql::pagination::{from_rows, page_size, Page};
use async_graphql::{Context, Object, Result, ID};
use constellation_shared::dto::resources::{
    LedgerKind, PeriodInput, PoolInput, PoolKind, RequestInput, RequestStatus, ResourceDecision,
};
use constellation_shared::ids::{LabId, PeriodId, PoolId};
use constellation_shared::ValidationReason;

async fn pool_of(ctx: &Context<'_>, id: PoolId) -> Result<resource_pool::Model> {
    load::<PoolLoader, _>(ctx, id)
        .await?
        .ok_or(DomainError::internal("missing pool"))
        .gql()
}

async fn period_of(ctx: &Context<'_>, id: PeriodId) -> Result<pool_period::Model> {
    load::<PeriodLoader, _>(ctx, id)
        .await?
        .ok_or(DomainError::internal("missing period"))
        .gql()
}

async fn scale_of_period(ctx: &Context<'_>, period_id: PeriodId) -> Result<i32> {
    let period = period_of(ctx, period_id).await?;
    Ok(pool_of(ctx, period.pool_id).await?.scale)
}

async fn lab_of(ctx: &Context<'_>, id: LabId) -> Result<Lab> {
    load::<LabLoader, _>(ctx, id)
        .await?
        .map(Lab)
        .ok_or(DomainError::internal("missing lab"))
        .gql()
}

pub struct ResourcePool(pub resource_pool::Model);

#[Object]
impl ResourcePool {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn kind(&self) -> PoolKind {
        self.0.kind
    }
    async fn unit(&self) -> &str {
        &self.0.unit
    }
    /// Decimals of amounts in this pool.
    async fn scale(&self) -> i32 {
        self.0.scale
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn periods(&self, ctx: &Context<'_>) -> Result<Vec<PoolPeriod>> {
        let rows = load::<PeriodsByPoolLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(|p| PoolPeriod(p, self.0.scale))
            .collect())
    }
}

/// A period of a pool, with the pool's scale for formatting.
pub struct PoolPeriod(pub pool_period::Model, pub i32);

#[Object]
impl PoolPeriod {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn label(&self) -> &str {
        &self.0.label
    }
    async fn starts_on(&self) -> String {
        self.0.starts_on.to_string()
    }
    async fn ends_on(&self) -> String {
        self.0.ends_on.to_string()
    }
    async fn capacity(&self) -> String {
        show(self.0.capacity, self.1)
    }
    async fn granted(&self) -> String {
        show(self.0.granted, self.1)
    }
    async fn remaining(&self) -> String {
        show(self.0.capacity - self.0.granted, self.1)
    }
    async fn pool(&self, ctx: &Context<'_>) -> Result<ResourcePool> {
        pool_of(ctx, self.0.pool_id).await.map(ResourcePool)
    }
}

async fn period_node(ctx: &Context<'_>, id: PeriodId) -> Result<PoolPeriod> {
    let p = period_of(ctx, id).await?;
    let scale = pool_of(ctx, p.pool_id).await?.scale;
    Ok(PoolPeriod(p, scale))
}

async fn pool_node(ctx: &Context<'_>, period_id: PeriodId) -> Result<ResourcePool> {
    let p = period_of(ctx, period_id).await?;
    pool_of(ctx, p.pool_id).await.map(ResourcePool)
}

pub struct ResourceRequest(pub resource_request::Model);

#[Object]
impl ResourceRequest {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn lab(&self, ctx: &Context<'_>) -> Result<Lab> {
        lab_of(ctx, self.0.lab_id).await
    }
    async fn project(&self, ctx: &Context<'_>) -> Result<Option<Project>> {
        match self.0.project_id {
            Some(id) => Ok(load::<ProjectLoader, _>(ctx, id).await?.map(Project)),
            None => Ok(None),
        }
    }
    async fn pool(&self, ctx: &Context<'_>) -> Result<ResourcePool> {
        pool_node(ctx, self.0.period_id).await
    }
    async fn period(&self, ctx: &Context<'_>) -> Result<PoolPeriod> {
        period_node(ctx, self.0.period_id).await
    }
    async fn amount(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(show(
            self.0.amount,
            scale_of_period(ctx, self.0.period_id).await?,
        ))
    }
    async fn justification(&self) -> &str {
        &self.0.justification
    }
    async fn status(&self) -> RequestStatus {
        self.0.status
    }
    async fn granted_amount(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(show(
            self.0.granted_amount,
            scale_of_period(ctx, self.0.period_id).await?,
        ))
    }
    async fn released_amount(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(show(
            self.0.released_amount,
            scale_of_period(ctx, self.0.period_id).await?,
        ))
    }
    /// The board's reason (for every decision).
    async fn decision_reason(&self) -> Option<&str> {
        self.0.decision_reason.as_deref()
    }
    async fn requested_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.requested_by).await
    }
    async fn decided_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.decided_by {
            Some(id) => person(ctx, id).await,
            None => Ok(None),
        }
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    async fn decided_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.decided_at
    }
}

pub struct LedgerEntry(pub ledger_entry::Model);

#[Object]
impl LedgerEntry {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn kind(&self) -> LedgerKind {
        self.0.kind
    }
    async fn amount(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(show(
            self.0.amount,
            scale_of_period(ctx, self.0.period_id).await?,
        ))
    }
    /// The board's reason for a grant, the note for a release.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    async fn lab(&self, ctx: &Context<'_>) -> Result<Lab> {
        lab_of(ctx, self.0.lab_id).await
    }
    async fn pool(&self, ctx: &Context<'_>) -> Result<ResourcePool> {
        pool_node(ctx, self.0.period_id).await
    }
    async fn period(&self, ctx: &Context<'_>) -> Result<PoolPeriod> {
        period_node(ctx, self.0.period_id).await
    }
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.actor_id {
            Some(id) => person(ctx, id).await,
            None => Ok(None),
        }
    }
    async fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.at
    }
}

pub struct AllocationTotal(pub Held);

#[Object]
impl AllocationTotal {
    async fn lab(&self, ctx: &Context<'_>) -> Result<Lab> {
        lab_of(ctx, self.0.lab_id).await
    }
    async fn pool(&self, ctx: &Context<'_>) -> Result<ResourcePool> {
        pool_node(ctx, self.0.period_id).await
    }
    async fn period(&self, ctx: &Context<'_>) -> Result<PoolPeriod> {
        period_node(ctx, self.0.period_id).await
    }
    /// Granted minus released.
    async fn granted(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(show(
            self.0.held,
            scale_of_period(ctx, self.0.period_id).await?,
        ))
    }
}

fn opt_uuid<T: std::str::FromStr>(field: &'static str, id: Option<ID>) -> Result<Option<T>> {
    id.map(|i| parse_uuid(field, &i)).transpose()
}

#[derive(Default)]
pub struct ResourcesQuery;

#[Object]
impl ResourcesQuery {
    /// Every pool, by name (signed-in accounts).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn resource_pools(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<ResourcePool>> {
        let limit = page_size(first)?;
        let has_prev = after.is_some();
        let rows = resources::list_pools(ctx.env(), ctx.actor(), after, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            has_prev,
            |p| p.name.clone(),
            ResourcePool,
        ))
    }

    /// Requests, oldest first; filtered by status and/or Lab.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn resource_requests(
        &self,
        ctx: &Context<'_>,
        status: Option<RequestStatus>,
        lab_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<ResourceRequest>> {
        let limit = page_size(first)?;
        let lab = opt_uuid("labId", lab_id)?;
        let after = after.map(|a| parse_uuid("after", &ID(a))).transpose()?;
        let rows = requests::list(ctx.env(), ctx.actor(), status, lab, after, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            after.is_some(),
            |r| r.id.to_string(),
            ResourceRequest,
        ))
    }

    /// Every grant and release, newest first (association members).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn ledger(
        &self,
        ctx: &Context<'_>,
        pool_id: Option<ID>,
        lab_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<LedgerEntry>> {
        let limit = page_size(first)?;
        let before = after
            .as_deref()
            .map(|a| {
                a.parse::<i32>()
                    .map_err(|_| DomainError::invalid("after", ValidationReason::Invalid))
            })
            .transpose()
            .gql()?;
        let rows = requests::ledger_page(
            ctx.env(),
            ctx.actor(),
            opt_uuid("poolId", pool_id)?,
            opt_uuid("labId", lab_id)?,
            before,
            Some(limit as u64 + 1),
        )
        .await
        .gql()?;
        Ok(from_rows(
            rows,
            limit,
            before.is_some(),
            |e| e.id.to_string(),
            LedgerEntry,
        ))
    }

    /// What each Lab holds from each pool and period now (association members).
    async fn allocation_totals(&self, ctx: &Context<'_>) -> Result<Vec<AllocationTotal>> {
        Ok(requests::allocation_totals(ctx.env(), ctx.actor())
            .await
            .gql()?
            .into_iter()
            .map(AllocationTotal)
            .collect())
    }
}

#[derive(Default)]
pub struct ResourcesMutation;

#[Object]
impl ResourcesMutation {
    async fn create_pool(&self, ctx: &Context<'_>, input: PoolInput) -> Result<ResourcePool> {
        resources::create_pool(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(ResourcePool)
    }
    async fn update_pool(
        &self,
        ctx: &Context<'_>,
        pool_id: ID,
        name: String,
        description: String,
    ) -> Result<ResourcePool> {
        let id = parse_uuid("poolId", &pool_id)?;
        resources::update_pool(ctx.env(), ctx.actor(), id, &name, &description)
            .await
            .gql()
            .map(ResourcePool)
    }
    async fn add_pool_period(
        &self,
        ctx: &Context<'_>,
        pool_id: ID,
        input: PeriodInput,
    ) -> Result<ResourcePool> {
        let id = parse_uuid("poolId", &pool_id)?;
        resources::add_period(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(ResourcePool)
    }
    /// Raises or lowers a capacity; never below what is granted (`CAPACITY_BELOW_GRANTED`).
    async fn set_period_capacity(
        &self,
        ctx: &Context<'_>,
        period_id: ID,
        capacity: String,
    ) -> Result<ResourcePool> {
        let id = parse_uuid("periodId", &period_id)?;
        resources::set_capacity(ctx.env(), ctx.actor(), id, &capacity)
            .await
            .gql()
            .map(ResourcePool)
    }
    async fn file_resource_request(
        &self,
        ctx: &Context<'_>,
        input: RequestInput,
    ) -> Result<ResourceRequest> {
        requests::file(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(ResourceRequest)
    }
    async fn edit_resource_request(
        &self,
        ctx: &Context<'_>,
        request_id: ID,
        amount: String,
        justification: String,
    ) -> Result<ResourceRequest> {
        let id = parse_uuid("requestId", &request_id)?;
        requests::edit(ctx.env(), ctx.actor(), id, &amount, &justification)
            .await
            .gql()
            .map(ResourceRequest)
    }
    async fn withdraw_resource_request(
        &self,
        ctx: &Context<'_>,
        request_id: ID,
    ) -> Result<ResourceRequest> {
        let id = parse_uuid("requestId", &request_id)?;
        requests::withdraw(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(ResourceRequest)
    }
    /// `APPROVE`, `APPROVE_PARTIAL` (with `amount`) or `REJECT`, always with a reason.
    async fn decide_resource_request(
        &self,
        ctx: &Context<'_>,
        request_id: ID,
        decision: ResourceDecision,
        amount: Option<String>,
        reason: String,
    ) -> Result<ResourceRequest> {
        let id = parse_uuid("requestId", &request_id)?;
        requests::decide(
            ctx.env(),
            ctx.actor(),
            id,
            decision,
            amount.as_deref(),
            &reason,
        )
        .await
        .gql()
        .map(ResourceRequest)
    }
    /// Gives back part of a grant, with a note.
    async fn release_resources(
        &self,
        ctx: &Context<'_>,
        request_id: ID,
        amount: String,
        note: String,
    ) -> Result<ResourceRequest> {
        let id = parse_uuid("requestId", &request_id)?;
        requests::release(ctx.env(), ctx.actor(), id, &amount, &note)
            .await
            .gql()
            .map(ResourceRequest)
    }
}
