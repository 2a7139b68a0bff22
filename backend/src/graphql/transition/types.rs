//! The transition's output types, built from models. A service is only ever built for
//! someone who may see it (its holders, the working group, the board); relations from
//! offers and support requests check again (`visible_service`).

use super::loaders::{
    GroupLoader, GroupMembersLoader, HoldersLoader, InGroupLoader, ItemsLoader, ServiceLoader,
    StepsLoader,
};
use crate::domain::transition::{days_left, group, inventory, path_of, plan, today};
use crate::domain::Actor;
use crate::entities::{
    transition_group, transition_guide, transition_handover_item, transition_host,
    transition_milestone, transition_offer, transition_plan, transition_service,
    transition_status_event, transition_support_request,
};
use crate::graphql::accounts::User;
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::labs::{load, person, Lab};
use crate::graphql::loaders::{Cached, LabLoader, UserLoader};
use crate::graphql::pagination::{slice, Page};
use async_graphql::{Context, Object, Result, ID};
use constellation_shared::dto::transition::{
    HandoverItemKind, MigrationPath, OfferKind, OfferStatus, ServiceKind, ServiceStatus,
    SupportStatus,
};
use constellation_shared::ids::ServiceId;
use uuid::Uuid;

async fn opt_person(ctx: &Context<'_>, id: Option<Uuid>) -> Result<Option<User>> {
    match id {
        Some(id) => person(ctx, id).await,
        None => Ok(None),
    }
}

/// Whether the viewer is in the working group (cached for the request).
pub async fn viewer_in_group(ctx: &Context<'_>) -> Result<bool> {
    match ctx.actor().id() {
        Some(id) => Ok(load::<InGroupLoader, _>(ctx, id).await?.unwrap_or(false)),
        None => Ok(false),
    }
}

/// The service if the viewer may see it.
pub async fn visible_service(
    ctx: &Context<'_>,
    id: ServiceId,
) -> Result<Option<TransitionService>> {
    let Actor::User(me) = ctx.actor() else {
        return Ok(None);
    };
    let Some(s) = load::<ServiceLoader, _>(ctx, id).await? else {
        return Ok(None);
    };
    let holder = load::<HoldersLoader, _>(ctx, id)
        .await?
        .is_some_and(|h| h.contains(&me.id));
    let ok = me.is_board || me.is_admin || holder || viewer_in_group(ctx).await?;
    Ok(ok.then_some(TransitionService(s)))
}

pub struct TransitionPlan(pub transition_plan::Model);

#[Object]
impl TransitionPlan {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// The assembly motion that adopted the transition.
    async fn decision_motion_id(&self) -> Option<ID> {
        self.0.decision_motion_id.map(|m| ID(m.to_string()))
    }
    async fn decision_note(&self) -> &str {
        &self.0.decision_note
    }
    /// End of service, `YYYY-MM-DD`.
    async fn ends_on(&self) -> String {
        self.0.ends_on.to_string()
    }
    async fn days_left(&self) -> i64 {
        days_left(&self.0, today())
    }
    /// Not migrated with this many days left: at risk.
    async fn at_risk_days(&self) -> i32 {
        self.0.at_risk_days
    }
    /// The participatory working group's Lab (open to every member).
    async fn working_group(&self, ctx: &Context<'_>) -> Result<Option<Lab>> {
        Ok(load::<LabLoader, _>(ctx, self.0.working_group_lab_id)
            .await?
            .map(Lab))
    }
    /// Whether the viewer takes part in the working group.
    async fn in_working_group(&self, ctx: &Context<'_>) -> Result<bool> {
        viewer_in_group(ctx).await
    }
    /// By date (a plan has a handful).
    async fn milestones(&self, ctx: &Context<'_>) -> Result<Vec<Milestone>> {
        Ok(plan::milestones(&ctx.env().db, self.0.id)
            .await
            .gql()?
            .into_iter()
            .map(Milestone)
            .collect())
    }
}

pub struct Milestone(pub transition_milestone::Model);

#[Object]
impl Milestone {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn label(&self) -> &str {
        &self.0.label
    }
    async fn due_on(&self) -> String {
        self.0.due_on.to_string()
    }
}

pub struct TransitionService(pub transition_service::Model);

#[Object]
impl TransitionService {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn kind(&self) -> ServiceKind {
        self.0.kind
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// The kind's detail: domain name, list address, mailbox address, site address.
    async fn address(&self) -> &str {
        &self.0.address
    }
    /// The association's own service: stays, not migrated.
    async fn internal(&self) -> bool {
        self.0.internal
    }
    async fn status(&self) -> ServiceStatus {
        self.0.status
    }
    async fn path(&self) -> Option<MigrationPath> {
        path_of(&self.0)
    }
    async fn target_host(&self) -> &str {
        &self.0.target_host
    }
    async fn group(&self, ctx: &Context<'_>) -> Result<Option<TransitionGroup>> {
        match self.0.group_id {
            Some(g) => Ok(load::<GroupLoader, _>(ctx, g).await?.map(TransitionGroup)),
            None => Ok(None),
        }
    }
    /// Who took it over (a member), for `TAKEN_OVER`.
    async fn taker(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        opt_person(ctx, self.0.taker_user_id).await
    }
    /// Which Lab took it over, for `TAKEN_OVER`.
    async fn taker_lab(&self, ctx: &Context<'_>) -> Result<Option<Lab>> {
        match self.0.taker_lab_id {
            Some(l) => Ok(load::<LabLoader, _>(ctx, l).await?.map(Lab)),
            None => Ok(None),
        }
    }
    /// At most 50.
    async fn holders(&self, ctx: &Context<'_>) -> Result<Vec<User>> {
        let ids = load::<HoldersLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(u) = person(ctx, id).await? {
                out.push(u);
            }
        }
        Ok(out)
    }
    /// The checklist of what the member gets back (one or two items by kind).
    async fn handover(&self, ctx: &Context<'_>) -> Result<Vec<HandoverItem>> {
        Ok(load::<ItemsLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(HandoverItem)
            .collect())
    }
    async fn handover_confirmed_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.handover_confirmed_at
    }
    async fn handover_waived_reason(&self) -> Option<&str> {
        self.0.handover_waived_reason.as_deref()
    }
    /// What the holder does next: `CHOOSE_PATH`, `START_MIGRATION`, `CONFIRM_HANDOVER`,
    /// `AWAIT_HANDOVER`, `AWAIT_CLOSING`, `NONE_CLOSED`, `NONE_INTERNAL`.
    async fn next_step(&self, ctx: &Context<'_>) -> Result<&'static str> {
        let items = load::<ItemsLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        Ok(inventory::next_step(&self.0, &items))
    }
    /// Every step, oldest first.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<StatusStep>> {
        let steps = load::<StepsLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        slice(steps, first, after, StatusStep)
    }
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}

pub struct HandoverItem(pub transition_handover_item::Model);

#[Object]
impl HandoverItem {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn item(&self) -> HandoverItemKind {
        self.0.item
    }
    async fn handed_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        opt_person(ctx, self.0.handed_by).await
    }
    async fn handed_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.handed_at
    }
    async fn confirmed_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        opt_person(ctx, self.0.confirmed_by).await
    }
    async fn confirmed_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.confirmed_at
    }
}

pub struct StatusStep(pub transition_status_event::Model);

#[Object]
impl StatusStep {
    async fn from_status(&self) -> Option<ServiceStatus> {
        self.0.from_status
    }
    async fn to_status(&self) -> ServiceStatus {
        self.0.to_status
    }
    async fn path(&self) -> Option<MigrationPath> {
        self.0.path
    }
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        opt_person(ctx, self.0.actor_id).await
    }
    async fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.at
    }
}

pub struct TransitionGroup(pub transition_group::Model);

#[Object]
impl TransitionGroup {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn target_host(&self) -> &str {
        &self.0.target_host
    }
    /// Who moves with the group (holders join by choosing the collective path), in the
    /// order they joined. `null` for whoever may not see them: only the group's members,
    /// the working group and the board do.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Option<Page<User>>> {
        let Actor::User(me) = ctx.actor() else {
            return Ok(None);
        };
        let ids = load::<GroupMembersLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        if !group::may_see_members(me, viewer_in_group(ctx).await?, &ids) {
            return Ok(None);
        }
        let users = ctx
            .data_unchecked::<Cached<UserLoader>>()
            .load_many(ids.iter().copied())
            .await
            .map_err(|_| crate::domain::DomainError::internal("loader"))
            .gql()?;
        let people: Vec<User> = ids
            .iter()
            .filter_map(|id| users.get(id).cloned().map(User::from))
            .collect();
        slice(people, first, after, |u| u).map(Some)
    }
}

pub struct RecommendedHost(pub transition_host::Model);

#[Object]
impl RecommendedHost {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn url(&self) -> &str {
        &self.0.url
    }
    async fn kinds(&self) -> Vec<ServiceKind> {
        group::kinds_of(&self.0)
    }
    async fn note(&self) -> &str {
        &self.0.note
    }
}

pub struct Guide(pub transition_guide::Model);

#[Object]
impl Guide {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Markdown.
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn author(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.author_id).await
    }
    async fn updated_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.updated_at
    }
}

pub struct SupportRequest(pub transition_support_request::Model);

#[Object]
impl SupportRequest {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn service(&self, ctx: &Context<'_>) -> Result<Option<TransitionService>> {
        match self.0.service_id {
            Some(s) => visible_service(ctx, s).await,
            None => Ok(None),
        }
    }
    async fn requester(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.requester_id).await
    }
    /// Whether the requester takes part in the working group (the note gives them priority).
    async fn requester_in_working_group(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(load::<InGroupLoader, _>(ctx, self.0.requester_id)
            .await?
            .unwrap_or(false))
    }
    async fn subject(&self) -> &str {
        &self.0.subject
    }
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn status(&self) -> SupportStatus {
        self.0.status
    }
    async fn assignee(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        opt_person(ctx, self.0.assignee_id).await
    }
    async fn answer(&self) -> Option<&str> {
        self.0.answer.as_deref()
    }
    async fn answered_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        opt_person(ctx, self.0.answered_by).await
    }
    async fn answered_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.answered_at
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}

pub struct Offer(pub transition_offer::Model);

#[Object]
impl Offer {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn kind(&self) -> OfferKind {
        self.0.kind
    }
    /// The service, when the viewer may see it.
    async fn service(&self, ctx: &Context<'_>) -> Result<Option<TransitionService>> {
        match self.0.service_id {
            Some(s) => visible_service(ctx, s).await,
            None => Ok(None),
        }
    }
    async fn offered_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.offered_by).await
    }
    async fn lab(&self, ctx: &Context<'_>) -> Result<Option<Lab>> {
        match self.0.lab_id {
            Some(l) => Ok(load::<LabLoader, _>(ctx, l).await?.map(Lab)),
            None => Ok(None),
        }
    }
    async fn note(&self) -> &str {
        &self.0.note
    }
    async fn status(&self) -> OfferStatus {
        self.0.status
    }
    async fn decision_reason(&self) -> Option<&str> {
        self.0.decision_reason.as_deref()
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}
