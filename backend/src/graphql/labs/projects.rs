//! Projects inside Labs.

use crate::domain::{labs::projects, DomainError};
use crate::entities::project;
use crate::graphql::accounts::{parse_uuid, User};
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::labs::{load, person, Lab};
use crate::graphql::loaders::{LabLoader, SupportsLoader};
use async_graphql::{Context, Object, Result, ID};
use constellation_shared::dto::labs::{ProjectInput, ProjectStatus};

pub struct Project(pub project::Model);

#[Object]
impl Project {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn lab(&self, ctx: &Context<'_>) -> Result<Lab> {
        load::<LabLoader, _>(ctx, self.0.lab_id)
            .await?
            .map(Lab)
            .ok_or(DomainError::internal("project without lab"))
            .gql()
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn goals(&self) -> &str {
        &self.0.goals
    }
    async fn resources_needed(&self) -> &str {
        &self.0.resources_needed
    }
    async fn status(&self) -> ProjectStatus {
        self.0.status
    }
    async fn support_count(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(load::<SupportsLoader, _>(ctx, self.0.id)
            .await?
            .map_or(0, |s| s.len() as i32))
    }
    async fn supported_by_me(&self, ctx: &Context<'_>) -> Result<bool> {
        let Some(me) = ctx.actor().id() else {
            return Ok(false);
        };
        Ok(load::<SupportsLoader, _>(ctx, self.0.id)
            .await?
            .is_some_and(|s| s.contains(&me)))
    }
    async fn proposed_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.proposed_by).await
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}

#[derive(Default)]
pub struct ProjectsQuery;

#[Object]
impl ProjectsQuery {
    /// A project, if its Lab is visible to the caller.
    async fn project(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Project>> {
        let id = parse_uuid("id", &id)?;
        match projects::find_visible_project(&ctx.env().db, ctx.actor(), id).await {
            Ok(p) => Ok(Some(Project(p))),
            Err(DomainError::NotFound) => Ok(None),
            Err(e) => Err(e).gql(),
        }
    }
}

#[derive(Default)]
pub struct ProjectsMutation;

#[Object]
impl ProjectsMutation {
    /// Active members of an active Lab propose a project.
    async fn propose_project(
        &self,
        ctx: &Context<'_>,
        lab_id: ID,
        input: ProjectInput,
    ) -> Result<Project> {
        let id = parse_uuid("labId", &lab_id)?;
        projects::propose(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Project)
    }
    /// One support per member and project.
    async fn support_project(&self, ctx: &Context<'_>, project_id: ID) -> Result<Project> {
        let id = parse_uuid("projectId", &project_id)?;
        projects::support(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Project)
    }
    /// Coordinators accept a project and move it along.
    async fn set_project_status(
        &self,
        ctx: &Context<'_>,
        project_id: ID,
        status: ProjectStatus,
    ) -> Result<Project> {
        let id = parse_uuid("projectId", &project_id)?;
        projects::set_status(ctx.env(), ctx.actor(), id, status)
            .await
            .gql()
            .map(Project)
    }
}
