//! General assemblies: the assembly with its agenda and motions, proxies, check-in, voting,
//! live turnout and results. Association members read; effective members vote; the board
//! prepares and chairs.

use super::accounts::{parse_uuid, viewer_language, User};
use super::context::ContextExt;
use super::context::WsSession;
use super::error::GqlResultExt;
use super::labs::person;
use super::pagination::{from_rows, page_size, Page};
use crate::domain::assemblies::live;
use crate::domain::assemblies::votes::{self, stored_result};
use crate::domain::assemblies::{self, depth_of, frozen, motion_status, status_of};
use crate::domain::{accounts, assemblies::proxies, Actor, DomainError};
use crate::entities::{agenda_item, assembly, majority_rule, motion, proxy};
use async_graphql::{Context, Object, Result, SimpleObject, Subscription, ID};
use constellation_shared::dto::assembly::{
    AgendaItemInput, AssemblyInput, AssemblyKind, AssemblyStatus, BallotKind, Choice,
    MajorityRuleCode, MotionInput, MotionStatus, ProxyStatus,
};
use constellation_shared::{Language, ValidationReason};
use futures_util::{Stream, StreamExt};
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;
use uuid::Uuid;

pub struct Assembly(pub assembly::Model);

#[derive(SimpleObject)]
pub struct AssemblyRef {
    id: ID,
    title: String,
    starts_at: chrono::DateTime<chrono::Utc>,
}

#[derive(SimpleObject)]
pub struct Document {
    title: String,
    url: String,
}

pub struct AgendaItem(agenda_item::Model, bool);

#[Object]
impl AgendaItem {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn number(&self) -> &str {
        &self.0.number
    }
    async fn depth(&self) -> i32 {
        depth_of(&self.0)
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn documents(&self) -> Vec<Document> {
        serde_json::from_str::<Vec<serde_json::Value>>(&self.0.documents)
            .unwrap_or_default()
            .into_iter()
            .map(|d| Document {
                title: d["title"].as_str().unwrap_or_default().to_owned(),
                url: d["url"].as_str().unwrap_or_default().to_owned(),
            })
            .collect()
    }
    async fn statutory(&self) -> bool {
        self.0.statutory
    }
    async fn frozen(&self) -> bool {
        self.1
    }
}

pub struct MajorityRule(pub majority_rule::Model);

#[Object]
impl MajorityRule {
    async fn code(&self) -> MajorityRuleCode {
        MajorityRuleCode::parse(&self.0.code).unwrap_or(MajorityRuleCode::Simple)
    }
    async fn name(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(match viewer_language(ctx).await? {
            Language::Fr => self.0.name_fr.clone(),
            Language::En => self.0.name_en.clone(),
        })
    }
    async fn quorum_num(&self) -> i32 {
        self.0.quorum_num
    }
    async fn quorum_den(&self) -> i32 {
        self.0.quorum_den
    }
    async fn majority_num(&self) -> i32 {
        self.0.majority_num
    }
    async fn majority_den(&self) -> i32 {
        self.0.majority_den
    }
    async fn strict(&self) -> bool {
        self.0.strict
    }
}

#[derive(SimpleObject, Clone)]
pub struct Tally {
    yes: i32,
    no: i32,
    abstain: i32,
}

fn tally(t: constellation_shared::rules::majority::Tally) -> Tally {
    Tally {
        yes: t.yes as i32,
        no: t.no as i32,
        abstain: t.abstain as i32,
    }
}

#[derive(SimpleObject)]
pub struct MotionResult {
    passed: bool,
    verdict: String,
    tally: Tally,
    present_or_represented: i32,
    members: i32,
    explanation: String,
}

#[derive(SimpleObject)]
pub struct OpenVote {
    member: Option<User>,
    choice: Choice,
}

#[derive(SimpleObject)]
pub struct VoteRight {
    member: Option<User>,
    own: bool,
    cast: bool,
    choice: Option<Choice>,
}

pub struct Motion(pub motion::Model);

async fn rule_of(ctx: &Context<'_>, code: &str) -> Result<majority_rule::Model> {
    super::labs::load::<super::loaders::MajorityRuleLoader, _>(ctx, code.to_owned())
        .await?
        .ok_or(DomainError::internal("missing rule"))
        .gql()
}

#[Object]
impl Motion {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The assembly whose agenda holds the motion.
    async fn assembly_id(&self) -> ID {
        ID(self.0.assembly_id.to_string())
    }
    async fn item_id(&self) -> ID {
        ID(self.0.item_id.to_string())
    }
    async fn text(&self) -> &str {
        &self.0.text
    }
    async fn rule(&self, ctx: &Context<'_>) -> Result<MajorityRule> {
        rule_of(ctx, &self.0.rule_code).await.map(MajorityRule)
    }
    async fn ballot(&self) -> BallotKind {
        BallotKind::parse(&self.0.ballot).unwrap_or(BallotKind::Secret)
    }
    async fn status(&self) -> MotionStatus {
        motion_status(&self.0)
    }
    async fn turnout(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(votes::turnout(&ctx.env().db, &self.0).await.gql()? as i32)
    }
    /// Open ballots: live. Secret ballots: once voting is closed.
    async fn tally(&self, ctx: &Context<'_>) -> Result<Option<Tally>> {
        Ok(live::tally_if_visible(&ctx.env().db, &self.0)
            .await
            .gql()?
            .map(tally))
    }
    async fn result(&self, ctx: &Context<'_>) -> Result<Option<MotionResult>> {
        let Some(r) = stored_result(&self.0) else {
            return Ok(None);
        };
        let rule = rule_of(ctx, &self.0.rule_code).await?;
        let lang = viewer_language(ctx).await?;
        Ok(Some(MotionResult {
            passed: r.passed,
            verdict: verdict_code(&r.verdict).to_owned(),
            tally: tally(r.tally()),
            present_or_represented: r.present_or_represented as i32,
            members: r.members as i32,
            explanation: r.explain(&rule, lang),
        }))
    }
    /// Open ballots: who voted what.
    async fn open_votes(&self, ctx: &Context<'_>) -> Result<Vec<OpenVote>> {
        let rows = live::open_votes(&ctx.env().db, &self.0).await.gql()?;
        let mut out = Vec::new();
        for v in rows {
            out.push(OpenVote {
                member: person(ctx, v.member_id).await?,
                choice: Choice::parse(&v.choice).unwrap_or(Choice::Abstain),
            });
        }
        Ok(out)
    }
    /// Secret ballots, once closed: every receipt, without choices.
    async fn receipts(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        if !live::receipts_listed(&self.0.ballot, motion_status(&self.0)) {
            return Ok(Vec::new());
        }
        votes::receipts(&ctx.env().db, self.0.id).await.gql()
    }
    /// The votes the viewer may cast on this motion (own and by proxy).
    async fn my_rights(&self, ctx: &Context<'_>) -> Result<Vec<VoteRight>> {
        let Some(me) = ctx.actor().id() else {
            return Ok(Vec::new());
        };
        let rights = votes::rights(&ctx.env().db, &self.0, me).await.gql()?;
        let mut out = Vec::new();
        for (member, own, cast, choice) in rights {
            out.push(VoteRight {
                member: person(ctx, member).await?,
                own,
                cast,
                choice,
            });
        }
        Ok(out)
    }
}

fn verdict_code(debug: &str) -> &'static str {
    match debug {
        "Passed" => "PASSED",
        "Rejected" => "REJECTED",
        "NoVotesCast" => "NO_VOTES_CAST",
        _ => "QUORUM_NOT_MET",
    }
}

pub struct Proxy(pub proxy::Model);

#[Object]
impl Proxy {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// The assembly the proxy is for.
    async fn assembly_id(&self) -> ID {
        ID(self.0.assembly_id.to_string())
    }
    async fn principal(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.principal_id).await
    }
    async fn holder(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.holder_id).await
    }
    async fn status(&self) -> ProxyStatus {
        proxies::status_of_proxy(&self.0)
    }
}

#[derive(SimpleObject)]
pub struct AssemblyViewer {
    effective: bool,
    chair: bool,
    present: bool,
    proxy_given: Option<Proxy>,
    proxies_held: Vec<Proxy>,
}

#[Object]
impl Assembly {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn kind(&self) -> AssemblyKind {
        AssemblyKind::parse(&self.0.kind).unwrap_or(AssemblyKind::Ordinary)
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn starts_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.starts_at
    }
    async fn place(&self) -> &str {
        &self.0.place
    }
    async fn language(&self) -> Language {
        Language::from_code(&self.0.language).unwrap_or(Language::Fr)
    }
    async fn status(&self) -> AssemblyStatus {
        status_of(&self.0)
    }
    async fn first_convocation(&self, ctx: &Context<'_>) -> Result<Option<AssemblyRef>> {
        let Some(id) = self.0.first_convocation_id else {
            return Ok(None);
        };
        let a = assemblies::find(&ctx.env().db, id).await.gql()?;
        Ok(Some(AssemblyRef {
            id: ID(a.id.to_string()),
            title: a.title,
            starts_at: a.starts_at,
        }))
    }
    async fn convened_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.convened_at
    }
    /// The agenda in order, as a flattened tree (`depth`).
    async fn agenda(&self, ctx: &Context<'_>) -> Result<Vec<AgendaItem>> {
        Ok(assemblies::items(&ctx.env().db, self.0.id)
            .await
            .gql()?
            .into_iter()
            .map(|i| {
                let f = frozen(&self.0, &i);
                AgendaItem(i, f)
            })
            .collect())
    }
    async fn motions(&self, ctx: &Context<'_>) -> Result<Vec<Motion>> {
        Ok(assemblies::motions(&ctx.env().db, self.0.id)
            .await
            .gql()?
            .into_iter()
            .map(Motion)
            .collect())
    }
    /// Effective members of the association.
    async fn members(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(assemblies::effective_members(&ctx.env().db).await.gql()? as i32)
    }
    async fn present(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(proxies::present(&ctx.env().db, self.0.id)
            .await
            .gql()?
            .len() as i32)
    }
    async fn represented(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(proxies::represented(&ctx.env().db, self.0.id)
            .await
            .gql()?
            .len() as i32)
    }
    async fn viewer(&self, ctx: &Context<'_>) -> Result<AssemblyViewer> {
        let Actor::User(u) = ctx.actor() else {
            return Err(DomainError::Unauthenticated).gql();
        };
        let db = &ctx.env().db;
        let here = proxies::present(db, self.0.id).await.gql()?;
        let given = proxies::given_by(db, self.0.id, u.id)
            .await
            .gql()?
            .filter(|p| {
                !matches!(
                    proxies::status_of_proxy(p),
                    ProxyStatus::Revoked | ProxyStatus::Declined
                )
            });
        let held = proxies::held_by(db, self.0.id, u.id).await.gql()?;
        Ok(AssemblyViewer {
            effective: assemblies::is_effective(u),
            chair: u.is_board || u.is_admin,
            present: here.contains(&u.id),
            proxy_given: given.map(Proxy),
            proxies_held: held.into_iter().map(Proxy).collect(),
        })
    }
}

#[derive(SimpleObject)]
pub struct AttendanceRow {
    member: Option<User>,
    present: bool,
    represented_by: Option<User>,
}

#[derive(SimpleObject)]
pub struct CastResult {
    motion_id: ID,
    member_id: ID,
    receipt: Option<String>,
}

#[derive(SimpleObject, Clone)]
pub struct AssemblyEvent {
    kind: String,
    motion_id: Option<ID>,
    turnout: i32,
    tally: Option<Tally>,
}

#[derive(Default)]
pub struct AssembliesQuery;

#[Object]
impl AssembliesQuery {
    /// Newest first (association members).
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
    async fn assemblies(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Assembly>> {
        let limit = page_size(first)?;
        let before = match after.as_deref() {
            None => None,
            Some(c) => {
                let id = parse_uuid("after", &ID(c.to_owned()))?;
                let a = assemblies::find(&ctx.env().db, id).await.gql()?;
                Some((a.starts_at, a.id))
            }
        };
        let rows = assemblies::list(ctx.env(), ctx.actor(), before, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            before.is_some(),
            |a| a.id.to_string(),
            Assembly,
        ))
    }

    async fn assembly(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Assembly>> {
        let id = parse_uuid("id", &id)?;
        match assemblies::get(ctx.env(), ctx.actor(), id).await {
            Ok(a) => Ok(Some(Assembly(a))),
            Err(DomainError::NotFound) => Ok(None),
            Err(e) => Err(e).gql(),
        }
    }

    async fn majority_rules(&self, ctx: &Context<'_>) -> Result<Vec<MajorityRule>> {
        assemblies::reader(ctx.actor()).gql()?;
        Ok(assemblies::rules(&ctx.env().db)
            .await
            .gql()?
            .into_iter()
            .map(MajorityRule)
            .collect())
    }

    /// The chair's check-in list: effective members by name.
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
    async fn attendance(
        &self,
        ctx: &Context<'_>,
        assembly_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<AttendanceRow>> {
        let id = parse_uuid("assemblyId", &assembly_id)?;
        let limit = page_size(first)?;
        let cursor = match after.as_deref() {
            None => None,
            Some(c) => {
                let (name, id) = c
                    .rsplit_once('|')
                    .and_then(|(n, i)| i.parse::<Uuid>().ok().map(|i| (n.to_owned(), i)))
                    .ok_or(DomainError::invalid("after", ValidationReason::Invalid))
                    .gql()?;
                Some((name, id))
            }
        };
        let has_prev = cursor.is_some();
        let rows = proxies::attendance_page(ctx.env(), ctx.actor(), id, cursor, limit as u64 + 1)
            .await
            .gql()?;
        let mut nodes = Vec::new();
        for (u, present, by) in rows {
            let cursor = format!("{}|{}", u.display_name, u.id);
            let represented_by = match by {
                Some(h) => person(ctx, h).await?,
                None => None,
            };
            nodes.push((
                cursor,
                AttendanceRow {
                    member: Some(User::from(u)),
                    present,
                    represented_by,
                },
            ));
        }
        Ok(from_rows(
            nodes,
            limit,
            has_prev,
            |(c, _)| c.clone(),
            |(_, n)| n,
        ))
    }
}

#[derive(Default)]
pub struct AssembliesMutation;

async fn reload(ctx: &Context<'_>, id: Uuid) -> Result<Assembly> {
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
        Ok(CastResult {
            motion_id: ID(c.motion_id.to_string()),
            member_id: ID(c.member_id.to_string()),
            receipt: c.receipt,
        })
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

#[derive(Default)]
pub struct AssembliesSubscription;

#[Subscription]
impl AssembliesSubscription {
    /// Turnout and (open ballots, or once closed) tallies as votes arrive; a burst of votes
    /// becomes one event every 200 ms at most.
    async fn assembly_live(
        &self,
        ctx: &Context<'_>,
        assembly_id: ID,
    ) -> Result<impl Stream<Item = AssemblyEvent>> {
        let me = assemblies::reader(ctx.actor()).gql()?.id;
        let id = parse_uuid("assemblyId", &assembly_id)?;
        assemblies::find(&ctx.env().db, id).await.gql()?;
        let slot = crate::graphql::subscriptions::slot(ctx)?;
        let env = ctx.env().clone();
        let session = ctx.data_opt::<WsSession>().cloned();
        let rx = env.live.subscribe();
        let signals = BroadcastStream::new(rx)
            .filter_map(move |s| async move {
                match s {
                    Ok(s) if s.assembly_id == id => Some(Some(s)),
                    Ok(_) => None,
                    Err(_) => Some(None),
                }
            })
            .ready_chunks(1_024)
            .then(|batch| async move {
                tokio::time::sleep(Duration::from_millis(200)).await;
                batch
            });
        Ok(signals
            .then(move |batch| {
                let env = env.clone();
                let session = session.clone();
                async move {
                    // Rights and token are re-checked on every event: a member who left the
                    // association, or whose token expired or was revoked, stops receiving.
                    let allowed = WsSession::still_signed_in(session.as_ref(), &env, me)
                        .await
                        .is_some_and(|u| {
                            assemblies::reader(&Actor::User(accounts::current_user(&u))).is_ok()
                        });
                    if !allowed {
                        return None;
                    }
                    let last = batch.iter().rev().flatten().next().cloned();
                    let kind = last.as_ref().map_or("VOTE", |s| s.kind).to_owned();
                    let (motion, turnout, tally_now) =
                        live::figures(&env, last.as_ref().and_then(|s| s.motion_id)).await;
                    Some(AssemblyEvent {
                        kind,
                        motion_id: motion.map(|m| ID(m.id.to_string())),
                        turnout: turnout as i32,
                        tally: tally_now.map(tally),
                    })
                }
            })
            .take_while(|event| std::future::ready(event.is_some()))
            .filter_map(std::future::ready)
            // The slot lives as long as the stream.
            .map(move |e| {
                let _slot = &slot;
                e
            }))
    }
}
