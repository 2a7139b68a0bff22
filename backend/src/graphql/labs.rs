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
use super::projects::Project;
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

pub struct Framing(pub lab_framing::Model);

#[Object]
impl Framing {
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn status(&self) -> FramingStatus {
        FramingStatus::parse(&self.0.status).unwrap_or(FramingStatus::Superseded)
    }
    async fn themes(&self) -> Vec<String> {
        labs::themes_of(&self.0)
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn objectives(&self) -> &str {
        &self.0.objectives
    }
    async fn scope_in(&self) -> &str {
        &self.0.scope_in
    }
    async fn scope_out(&self) -> &str {
        &self.0.scope_out
    }
    async fn expected_outputs(&self) -> &str {
        &self.0.expected_outputs
    }
    /// `YYYY-MM-DD`
    async fn start_date(&self) -> String {
        self.0.start_date.to_string()
    }
    /// `YYYY-MM-DD`: the end, or the next review.
    async fn end_date(&self) -> String {
        self.0.end_date.to_string()
    }
    async fn membership_policy(&self) -> MembershipPolicy {
        labs::policy_of(&self.0)
    }
    async fn participation(&self) -> &str {
        &self.0.participation
    }
    async fn visibility(&self) -> LabVisibility {
        LabVisibility::parse(&self.0.visibility).unwrap_or(LabVisibility::MembersOnly)
    }
    /// The board's comment when it asked for changes or rejected this version.
    async fn review_comment(&self) -> Option<&str> {
        self.0.review_comment.as_deref()
    }
    async fn proposed_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.proposed_by).await
    }
}

pub struct LabMember(pub lab_member::Model);

#[Object]
impl LabMember {
    async fn user(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.user_id).await
    }
    async fn role(&self) -> LabRole {
        LabRole::parse(&self.0.role).unwrap_or(LabRole::Participant)
    }
    async fn state(&self) -> MemberState {
        MemberState::parse(&self.0.state).unwrap_or(MemberState::Requested)
    }
    async fn since(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.since
    }
}

pub struct LabEvent(pub lab_event::Model);

#[Object]
impl LabEvent {
    /// `PROPOSED`, `APPROVED`, `CHANGES_REQUESTED`, `REJECTED`, `ARCHIVED`, `RESUBMITTED`,
    /// `FRAMING_CHANGE_…`, `RULES_ACKNOWLEDGED`, `MEMBER_…`, `PROJECT_…`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.actor_id {
            Some(id) => person(ctx, id).await,
            None => Ok(None),
        }
    }
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
    async fn framing_version(&self) -> Option<i32> {
        self.0.framing_version
    }
    async fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.at
    }
}

pub struct Lab(pub lab::Model);

impl Lab {
    async fn rows(&self, ctx: &Context<'_>) -> Result<Vec<lab_member::Model>> {
        Ok(load::<MembersLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default())
    }

    /// Requests and invitations are seen by the Lab's coordinators, the board, and the
    /// person concerned; active members by everyone who sees the Lab.
    fn may_see_row(actor: &Actor, rows: &[lab_member::Model], row: &lab_member::Model) -> bool {
        if row.state == MemberState::Active.as_str() {
            return true;
        }
        match actor {
            Actor::User(u) => {
                u.is_board
                    || u.is_admin
                    || u.id == row.user_id
                    || labs::is_coordinator(rows.iter().find(|r| r.user_id == u.id))
            }
            _ => false,
        }
    }
}

#[Object]
impl Lab {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn status(&self) -> LabStatus {
        labs::status_of(&self.0)
    }
    /// The framing in force (for a proposal: the version under review or last reviewed).
    async fn framing(&self, ctx: &Context<'_>) -> Result<Framing> {
        let version = self
            .0
            .approved_framing_version
            .or(self.0.pending_framing_version)
            .unwrap_or(1);
        load::<FramingLoader, _>(ctx, (self.0.id, version))
            .await?
            .map(Framing)
            .ok_or(DomainError::internal("lab without framing"))
            .gql()
    }
    /// A framing version awaiting the board (or, for a proposal, its current version).
    async fn pending_framing(&self, ctx: &Context<'_>) -> Result<Option<Framing>> {
        match self.0.pending_framing_version {
            Some(v) => Ok(load::<FramingLoader, _>(ctx, (self.0.id, v))
                .await?
                .map(Framing)),
            None => Ok(None),
        }
    }
    /// The common-rules version the Lab acknowledged.
    async fn acknowledged_rules_version(&self) -> Option<i32> {
        self.0.acknowledged_rules_version
    }
    /// True when the Lab is active and newer common rules await its acknowledgement.
    async fn rules_acknowledgement_due(&self, ctx: &Context<'_>) -> Result<bool> {
        let current = load::<RulesLoader, _>(ctx, CurrentRules).await?.flatten();
        Ok(labs::status_of(&self.0) == LabStatus::Active
            && current.is_some()
            && current != self.0.acknowledged_rules_version)
    }
    async fn coordinators(&self, ctx: &Context<'_>) -> Result<Vec<User>> {
        let ids: Vec<Uuid> = self
            .rows(ctx)
            .await?
            .iter()
            .filter(|m| labs::is_coordinator(Some(m)))
            .map(|m| m.user_id)
            .collect();
        let users = ctx
            .data_unchecked::<Cached<UserLoader>>()
            .load_many(ids.iter().copied())
            .await
            .map_err(|_| DomainError::internal("loader"))
            .gql()?;
        Ok(ids
            .iter()
            .filter_map(|id| users.get(id).cloned().map(User::from))
            .collect())
    }
    /// Active members (coordinators included).
    async fn member_count(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(self
            .rows(ctx)
            .await?
            .iter()
            .filter(|m| labs::is_active(Some(m)))
            .count() as i32)
    }
    async fn project_count(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(load::<ProjectsLoader, _>(ctx, self.0.id)
            .await?
            .map_or(0, |p| p.len() as i32))
    }
    /// The caller's membership, if any.
    async fn my_membership(&self, ctx: &Context<'_>) -> Result<Option<LabMember>> {
        let Some(me) = ctx.actor().id() else {
            return Ok(None);
        };
        Ok(self
            .rows(ctx)
            .await?
            .into_iter()
            .find(|m| m.user_id == me)
            .map(LabMember))
    }
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<LabMember>> {
        let rows = self.rows(ctx).await?;
        let visible: Vec<_> = rows
            .iter()
            .filter(|r| Self::may_see_row(ctx.actor(), &rows, r))
            .cloned()
            .collect();
        slice(visible, first, after, LabMember)
    }
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
    async fn projects(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Project>> {
        let rows = load::<ProjectsLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        slice(rows, first, after, Project)
    }
    /// Decisions and changes, newest first.
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<LabEvent>> {
        let rows = load::<EventsLoader, _>(ctx, self.0.id)
            .await?
            .unwrap_or_default();
        slice(rows, first, after, LabEvent)
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}

/// Loads, in one statement per relation, what the page's Labs will ask for (as far as the
/// query selects it) and feeds the request's loader caches. The loaders run directly and
/// concurrently, so the page pays neither the DataLoader's batching delay level after level
/// nor a statement count that depends on how fast fields resolve.
async fn prefetch(ctx: &Context<'_>, rows: &[lab::Model]) -> Result<()> {
    let node = ctx.look_ahead().field("edges").field("node");
    let env = ctx.env();
    let internal = |_| DomainError::internal("prefetch");
    let ids: Vec<Uuid> = rows.iter().map(|l| l.id).collect();
    let wants = |fields: &[&str]| fields.iter().any(|f| node.field(f).exists());
    let framing_keys: Vec<(Uuid, i32)> = rows
        .iter()
        .flat_map(|l| {
            [l.approved_framing_version, l.pending_framing_version]
                .into_iter()
                .flatten()
                .map(|v| (l.id, v))
        })
        .collect();
    let framings = async {
        if wants(&["framing", "pendingFraming"]) {
            FramingLoader(env.clone())
                .load(&framing_keys)
                .await
                .map(Some)
        } else {
            Ok(None)
        }
    };
    let projects = async {
        if wants(&["projects", "projectCount"]) {
            ProjectsLoader(env.clone()).load(&ids).await.map(Some)
        } else {
            Ok(None)
        }
    };
    let members = async {
        if wants(&["coordinators", "memberCount", "members", "myMembership"]) {
            MembersLoader(env.clone()).load(&ids).await.map(Some)
        } else {
            Ok(None)
        }
    };
    let (framings, projects, members) = futures_util::try_join!(framings, projects, members)
        .map_err(internal)
        .gql()?;
    if let Some(f) = framings {
        ctx.data_unchecked::<Cached<FramingLoader>>()
            .feed_many(f)
            .await;
    }
    if let Some(p) = projects {
        ctx.data_unchecked::<Cached<ProjectsLoader>>()
            .feed_many(p)
            .await;
    }
    if let Some(m) = members {
        if wants(&["coordinators", "members"]) {
            let mut users: Vec<Uuid> = m.values().flatten().map(|r| r.user_id).collect();
            users.sort();
            users.dedup();
            let found = UserLoader(env.clone())
                .load(&users)
                .await
                .map_err(internal)
                .gql()?;
            ctx.data_unchecked::<Cached<UserLoader>>()
                .feed_many(found)
                .await;
        }
        ctx.data_unchecked::<Cached<MembersLoader>>()
            .feed_many(m)
            .await;
    }
    Ok(())
}

#[derive(Default)]
pub struct LabsQuery;

#[Object]
impl LabsQuery {
    /// The Labs the caller may see, by slug, filtered.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
    async fn labs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        status: Option<LabStatus>,
        theme: Option<String>,
        mine: Option<bool>,
        search: Option<String>,
    ) -> Result<Page<Lab>> {
        let limit = page_size(first)?;
        let filter = labs::LabFilter {
            status,
            theme,
            mine: mine.unwrap_or(false),
            search,
        };
        let has_prev = after.is_some();
        let rows = labs::list(ctx.env(), ctx.actor(), filter, after, limit as u64 + 1)
            .await
            .gql()?;
        prefetch(ctx, &rows).await?;
        Ok(from_rows(rows, limit, has_prev, |l| l.slug.clone(), Lab))
    }

    /// One Lab by slug or id; null when it does not exist or is hidden from the caller.
    async fn lab(
        &self,
        ctx: &Context<'_>,
        slug: Option<String>,
        id: Option<ID>,
    ) -> Result<Option<Lab>> {
        match (slug, id) {
            (Some(s), _) => Ok(labs::find_visible_by_slug(ctx.env(), ctx.actor(), &s)
                .await
                .gql()?
                .map(Lab)),
            (None, Some(id)) => {
                let id = parse_uuid("id", &id)?;
                match labs::find_visible(&ctx.env().db, ctx.actor(), id).await {
                    Ok(l) => Ok(Some(Lab(l))),
                    Err(DomainError::NotFound) => Ok(None),
                    Err(e) => Err(e).gql(),
                }
            }
            (None, None) => Err(DomainError::invalid(
                "slug",
                constellation_shared::ValidationReason::Required,
            ))
            .gql(),
        }
    }

    /// Proposals and framing changes awaiting the board.
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
    async fn lab_review_queue(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Lab>> {
        let limit = page_size(first)?;
        let has_prev = after.is_some();
        let rows = labs::review_queue(ctx.env(), ctx.actor(), after, limit as u64 + 1)
            .await
            .gql()?;
        prefetch(ctx, &rows).await?;
        Ok(from_rows(rows, limit, has_prev, |l| l.slug.clone(), Lab))
    }
}

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
