//! The transition's mutations. Thin: each parses ids, calls one domain function. Who may
//! call each is the domain's rule, said again here in one line.

use super::figures::{ImportReport, PollAnswer};
use super::types::{
    Guide, HandoverItem, Milestone, Offer, RecommendedHost, SupportRequest, TransitionGroup,
    TransitionPlan, TransitionService,
};
use crate::domain::transition::{
    group, handover, import, inventory, offers, opt_id, plan, poll, progress, support,
};
use crate::graphql::accounts::parse_uuid;
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use async_graphql::{Context, Object, Result, ID};
use constellation_shared::dto::transition::{
    GuideInput, HostInput, OfferInput, PathInput, PlanInput, PollInput, ServiceInput,
    ServiceStatus, SupportInput,
};

#[derive(Default)]
pub struct TransitionMutation;

#[Object]
impl TransitionMutation {
    /// Board: sets up the transition (once), with its working group's Lab.
    async fn create_transition_plan(
        &self,
        ctx: &Context<'_>,
        input: PlanInput,
    ) -> Result<TransitionPlan> {
        plan::create(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(TransitionPlan)
    }

    /// Board.
    async fn update_transition_plan(
        &self,
        ctx: &Context<'_>,
        input: PlanInput,
    ) -> Result<TransitionPlan> {
        plan::update(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(TransitionPlan)
    }

    /// Board.
    async fn add_transition_milestone(
        &self,
        ctx: &Context<'_>,
        label: String,
        due_on: String,
    ) -> Result<Milestone> {
        plan::add_milestone(ctx.env(), ctx.actor(), &label, &due_on)
            .await
            .gql()
            .map(Milestone)
    }

    /// Board.
    async fn remove_transition_milestone(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let id = parse_uuid("id", &id)?;
        plan::remove_milestone(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(|()| true)
    }

    /// Board: one service entered by hand.
    async fn create_transition_service(
        &self,
        ctx: &Context<'_>,
        input: ServiceInput,
    ) -> Result<TransitionService> {
        inventory::create(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(TransitionService)
    }

    /// Board.
    async fn update_transition_service(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ServiceInput,
    ) -> Result<TransitionService> {
        let id = parse_uuid("id", &id)?;
        inventory::update(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(TransitionService)
    }

    /// Board: the existing inventory as CSV (header `kind,name,holders[,description,address,
    /// internal]`, at most 2,000 lines and 1 MiB); all or nothing, with a report per line.
    async fn import_transition_services(
        &self,
        ctx: &Context<'_>,
        csv: String,
    ) -> Result<ImportReport> {
        import::import(ctx.env(), ctx.actor(), &csv)
            .await
            .gql()
            .map(ImportReport::from)
    }

    /// A holder of the service, or the board.
    async fn choose_service_path(
        &self,
        ctx: &Context<'_>,
        service_id: ID,
        input: PathInput,
    ) -> Result<TransitionService> {
        let id = parse_uuid("serviceId", &service_id)?;
        progress::choose_path(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(TransitionService)
    }

    /// The board (backwards only with a reason; `CLOSED` once the hand-over is settled), or
    /// a holder starting the migration of a planned service.
    async fn set_service_status(
        &self,
        ctx: &Context<'_>,
        service_id: ID,
        status: ServiceStatus,
        reason: Option<String>,
    ) -> Result<TransitionService> {
        let id = parse_uuid("serviceId", &service_id)?;
        progress::set_status(ctx.env(), ctx.actor(), id, status, reason.as_deref())
            .await
            .gql()
            .map(TransitionService)
    }

    /// The working group or the board: this item was handed over.
    async fn mark_handed_over(&self, ctx: &Context<'_>, item_id: ID) -> Result<HandoverItem> {
        let id = parse_uuid("itemId", &item_id)?;
        handover::mark_handed(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(HandoverItem)
    }

    /// A holder: I received this item.
    async fn confirm_handover(&self, ctx: &Context<'_>, item_id: ID) -> Result<HandoverItem> {
        let id = parse_uuid("itemId", &item_id)?;
        handover::confirm(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(HandoverItem)
    }

    /// Board, with a reason.
    async fn waive_handover(
        &self,
        ctx: &Context<'_>,
        service_id: ID,
        reason: String,
    ) -> Result<TransitionService> {
        let id = parse_uuid("serviceId", &service_id)?;
        handover::waive(ctx.env(), ctx.actor(), id, &reason)
            .await
            .gql()
            .map(TransitionService)
    }

    /// Board: a collective group and its target.
    async fn create_transition_group(
        &self,
        ctx: &Context<'_>,
        name: String,
        target_host: String,
    ) -> Result<TransitionGroup> {
        group::create_group(ctx.env(), ctx.actor(), &name, &target_host)
            .await
            .gql()
            .map(TransitionGroup)
    }

    /// The working group or the board; with `id`, edits that host.
    async fn save_recommended_host(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        input: HostInput,
    ) -> Result<RecommendedHost> {
        let id = opt_id("id", id.as_ref().map(|i| i.as_str())).gql()?;
        group::save_host(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(RecommendedHost)
    }

    /// The working group or the board.
    async fn remove_recommended_host(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let id = parse_uuid("id", &id)?;
        group::remove_host(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(|()| true)
    }

    /// The working group or the board; with `id`, edits that guide.
    async fn save_transition_guide(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        input: GuideInput,
    ) -> Result<Guide> {
        let id = opt_id("id", id.as_ref().map(|i| i.as_str())).gql()?;
        group::save_guide(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Guide)
    }

    /// The working group or the board.
    async fn remove_transition_guide(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let id = parse_uuid("id", &id)?;
        group::remove_guide(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(|()| true)
    }

    /// Signed-in accounts (about one of their own services, or in general).
    async fn ask_for_support(
        &self,
        ctx: &Context<'_>,
        input: SupportInput,
    ) -> Result<SupportRequest> {
        support::ask(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(SupportRequest)
    }

    /// The working group or the board, to a working-group member (the caller by default).
    async fn assign_support_request(
        &self,
        ctx: &Context<'_>,
        id: ID,
        assignee_id: Option<ID>,
    ) -> Result<SupportRequest> {
        let id = parse_uuid("id", &id)?;
        let who = opt_id("assigneeId", assignee_id.as_ref().map(|i| i.as_str())).gql()?;
        support::assign(ctx.env(), ctx.actor(), id, who)
            .await
            .gql()
            .map(SupportRequest)
    }

    /// A working-group member.
    async fn answer_support_request(
        &self,
        ctx: &Context<'_>,
        id: ID,
        answer: String,
    ) -> Result<SupportRequest> {
        let id = parse_uuid("id", &id)?;
        support::answer(ctx.env(), ctx.actor(), id, &answer)
            .await
            .gql()
            .map(SupportRequest)
    }

    /// The requester, the working group or the board.
    async fn close_support_request(&self, ctx: &Context<'_>, id: ID) -> Result<SupportRequest> {
        let id = parse_uuid("id", &id)?;
        support::close(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(SupportRequest)
    }

    /// Association members: take a service over (in full or in part), or help.
    async fn offer_to_help(&self, ctx: &Context<'_>, input: OfferInput) -> Result<Offer> {
        offers::make(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(Offer)
    }

    /// Board, with a reason; accepting a take-over sets the service's path.
    async fn decide_offer(
        &self,
        ctx: &Context<'_>,
        id: ID,
        accept: bool,
        reason: String,
    ) -> Result<Offer> {
        let id = parse_uuid("id", &id)?;
        offers::decide(ctx.env(), ctx.actor(), id, accept, &reason)
            .await
            .gql()
            .map(Offer)
    }

    /// The volunteer, while pending.
    async fn withdraw_offer(&self, ctx: &Context<'_>, id: ID) -> Result<Offer> {
        let id = parse_uuid("id", &id)?;
        offers::withdraw(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Offer)
    }

    /// Association members: the CHATONS interest poll (answer again to change it).
    async fn answer_chatons_poll(&self, ctx: &Context<'_>, input: PollInput) -> Result<PollAnswer> {
        poll::answer(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(PollAnswer)
    }
}
