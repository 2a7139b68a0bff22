//! The Lab object: its framing, members, projects, history and the viewer's standing.

use super::*;

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
        if row.state == MemberState::Active {
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
        self.0.status
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
        Ok(self.0.status == LabStatus::Active
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
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
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
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
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
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
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
