//! Lab mutations: proposals, reviews, framing changes, archive, membership.

use super::*;

#[derive(Default)]
pub struct LabsMutation;

#[Object]
impl LabsMutation {
    /// Members propose a Lab with its framing; the proposer becomes its first coordinator.
    async fn propose_lab(&self, ctx: &Context<'_>, input: ProposeLabInput) -> Result<Lab> {
        labs::propose(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(Lab)
    }
    /// Coordinators edit a proposal (after the board asked for changes): back to the board.
    async fn resubmit_lab(
        &self,
        ctx: &Context<'_>,
        lab_id: ID,
        framing: FramingInput,
    ) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        labs::resubmit(ctx.env(), ctx.actor(), id, &framing)
            .await
            .gql()
            .map(Lab)
    }
    /// Coordinators propose a new framing for an active Lab; it runs on the approved one
    /// until the board decides.
    async fn propose_framing_change(
        &self,
        ctx: &Context<'_>,
        lab_id: ID,
        framing: FramingInput,
    ) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        labs::propose_framing_change(ctx.env(), ctx.actor(), id, &framing)
            .await
            .gql()
            .map(Lab)
    }
    /// The board approves, asks for changes (comment required) or rejects (comment required).
    async fn review_lab(
        &self,
        ctx: &Context<'_>,
        lab_id: ID,
        decision: ReviewDecision,
        comment: Option<String>,
    ) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        labs::review(ctx.env(), ctx.actor(), id, decision, comment.as_deref())
            .await
            .gql()
            .map(Lab)
    }
    async fn archive_lab(&self, ctx: &Context<'_>, lab_id: ID, reason: String) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        flows::archive_lab::archive(ctx.env(), ctx.actor(), id, &reason)
            .await
            .gql()
            .map(Lab)
    }
    async fn acknowledge_rules(&self, ctx: &Context<'_>, lab_id: ID) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        labs::acknowledge_rules(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Lab)
    }
    /// Join an open Lab, ask to join an `ON_APPROVAL` one, or accept an invitation.
    async fn join_lab(&self, ctx: &Context<'_>, lab_id: ID) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        members::join(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Lab)
    }
    async fn leave_lab(&self, ctx: &Context<'_>, lab_id: ID) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        members::leave(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Lab)
    }
    async fn decide_join_request(
        &self,
        ctx: &Context<'_>,
        lab_id: ID,
        user_id: ID,
        accept: bool,
    ) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        let user = parse_uuid("userId", &user_id)?;
        members::decide_request(ctx.env(), ctx.actor(), id, user, accept)
            .await
            .gql()
            .map(Lab)
    }
    async fn invite_to_lab(&self, ctx: &Context<'_>, lab_id: ID, email: String) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        members::invite(ctx.env(), ctx.actor(), id, &email)
            .await
            .gql()
            .map(Lab)
    }
    async fn set_lab_role(
        &self,
        ctx: &Context<'_>,
        lab_id: ID,
        user_id: ID,
        role: LabRole,
    ) -> Result<Lab> {
        let id = parse_uuid("labId", &lab_id)?;
        let user = parse_uuid("userId", &user_id)?;
        members::set_role(ctx.env(), ctx.actor(), id, user, role)
            .await
            .gql()
            .map(Lab)
    }
}
