//! Assembly mutations: preparing and convening, the agenda and motions, proxies, check-in,
//! opening and closing votes, casting ballots.

use super::*;

#[derive(SimpleObject)]
pub struct CastResult {
    motion_id: ID,
    member_id: ID,
    receipt: Option<String>,
}

impl From<votes::Cast> for CastResult {
    fn from(c: votes::Cast) -> Self {
        Self {
            motion_id: ID(c.motion_id.to_string()),
            member_id: ID(c.member_id.to_string()),
            receipt: c.receipt,
        }
    }
}

#[derive(Default)]
pub struct AssembliesMutation;

pub(super) async fn reload(ctx: &Context<'_>, id: AssemblyId) -> Result<Assembly> {
    assemblies::find(&ctx.env().db, id)
        .await
        .gql()
        .map(Assembly)
}

#[Object]
impl AssembliesMutation {
    async fn create_assembly(&self, ctx: &Context<'_>, input: AssemblyInput) -> Result<Assembly> {
        assemblies::create(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(Assembly)
    }
    async fn add_agenda_item(
        &self,
        ctx: &Context<'_>,
        assembly_id: ID,
        input: AgendaItemInput,
    ) -> Result<Assembly> {
        let id = parse_uuid("assemblyId", &assembly_id)?;
        assemblies::add_item(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Assembly)
    }
    async fn remove_agenda_item(&self, ctx: &Context<'_>, item_id: ID) -> Result<Assembly> {
        let id = parse_uuid("itemId", &item_id)?;
        assemblies::remove_item(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Assembly)
    }
    async fn add_motion(
        &self,
        ctx: &Context<'_>,
        item_id: ID,
        input: MotionInput,
    ) -> Result<Assembly> {
        let id = parse_uuid("itemId", &item_id)?;
        assemblies::add_motion(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Assembly)
    }
    /// Sends the convocation (`CONVOCATION_TOO_LATE` when the date is too close).
    async fn convene_assembly(&self, ctx: &Context<'_>, assembly_id: ID) -> Result<Assembly> {
        let id = parse_uuid("assemblyId", &assembly_id)?;
        assemblies::convene(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Assembly)
    }
    async fn open_session(&self, ctx: &Context<'_>, assembly_id: ID) -> Result<Assembly> {
        let id = parse_uuid("assemblyId", &assembly_id)?;
        assemblies::open_session(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Assembly)
    }
    async fn close_session(&self, ctx: &Context<'_>, assembly_id: ID) -> Result<Assembly> {
        let id = parse_uuid("assemblyId", &assembly_id)?;
        assemblies::close_session(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Assembly)
    }
    async fn give_proxy(
        &self,
        ctx: &Context<'_>,
        assembly_id: ID,
        holder_email: String,
    ) -> Result<Assembly> {
        let id = parse_uuid("assemblyId", &assembly_id)?;
        let id = proxies::give(ctx.env(), ctx.actor(), id, &holder_email)
            .await
            .gql()?;
        reload(ctx, id).await
    }
    /// The holder accepts (`PROXY_CAP_REACHED` beyond the statutes' cap) or declines.
    async fn answer_proxy(
        &self,
        ctx: &Context<'_>,
        proxy_id: ID,
        accept: bool,
    ) -> Result<Assembly> {
        let id = parse_uuid("proxyId", &proxy_id)?;
        let id = proxies::answer(ctx.env(), ctx.actor(), id, accept)
            .await
            .gql()?;
        reload(ctx, id).await
    }
    async fn revoke_proxy(&self, ctx: &Context<'_>, assembly_id: ID) -> Result<Assembly> {
        let id = parse_uuid("assemblyId", &assembly_id)?;
        let id = proxies::revoke(ctx.env(), ctx.actor(), id).await.gql()?;
        reload(ctx, id).await
    }
    /// Self check-in, or by the chair with `userId`.
    async fn check_in(
        &self,
        ctx: &Context<'_>,
        assembly_id: ID,
        user_id: Option<ID>,
    ) -> Result<Assembly> {
        let id = parse_uuid("assemblyId", &assembly_id)?;
        let who = user_id.map(|u| parse_uuid("userId", &u)).transpose()?;
        let id = proxies::check_in(ctx.env(), ctx.actor(), id, who)
            .await
            .gql()?;
        reload(ctx, id).await
    }
    async fn open_voting(&self, ctx: &Context<'_>, motion_id: ID) -> Result<Assembly> {
        let id = parse_uuid("motionId", &motion_id)?;
        let id = votes::open_voting(ctx.env(), ctx.actor(), id).await.gql()?;
        reload(ctx, id).await
    }
    async fn close_voting(&self, ctx: &Context<'_>, motion_id: ID) -> Result<Assembly> {
        let id = parse_uuid("motionId", &motion_id)?;
        let id = votes::close_voting(ctx.env(), ctx.actor(), id)
            .await
            .gql()?;
        reload(ctx, id).await
    }
    /// Casts `memberId`'s vote: one's own, or a principal's whose proxy one holds.
    async fn cast_vote(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        member_id: ID,
        choice: Choice,
    ) -> Result<CastResult> {
        let m = parse_uuid("motionId", &motion_id)?;
        let who = parse_uuid("memberId", &member_id)?;
        let c = ctx
            .env()
            .votes
            .cast(ctx.actor(), m, who, choice)
            .await
            .gql()?;
        Ok(CastResult::from(c))
    }
    /// Admins adjust a preset (statutes may be stricter than the law).
    #[allow(clippy::too_many_arguments)]
    async fn update_majority_rule(
        &self,
        ctx: &Context<'_>,
        code: MajorityRuleCode,
        quorum_num: i32,
        quorum_den: i32,
        majority_num: i32,
        majority_den: i32,
        strict: bool,
    ) -> Result<MajorityRule> {
        assemblies::update_rule(
            ctx.env(),
            ctx.actor(),
            code,
            (quorum_num, quorum_den),
            (majority_num, majority_den),
            strict,
        )
        .await
        .gql()
        .map(MajorityRule)
    }
}
