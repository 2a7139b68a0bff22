//! The transition's figures: the poll's answers and counts, the dashboard, the import
//! report.

use super::types::TransitionService;
use crate::domain::transition::{dashboard, poll};
use crate::entities::transition_poll_answer;
use crate::graphql::accounts::User;
use crate::graphql::labs::person;
use crate::graphql::pagination::{slice, Page};
use async_graphql::{Context, Object, Result, SimpleObject};
use constellation_shared::dto::transition::{MigrationPath, ServiceStatus};

pub struct PollAnswer(pub transition_poll_answer::Model);

#[Object]
impl PollAnswer {
    async fn member(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        person(ctx, self.0.user_id).await
    }
    async fn as_client(&self) -> bool {
        self.0.as_client
    }
    async fn as_stakeholder(&self) -> bool {
        self.0.as_stakeholder
    }
    async fn comment(&self) -> &str {
        &self.0.comment
    }
    async fn answered_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.answered_at
    }
}

pub struct PollResults(pub poll::Results);

#[Object]
impl PollResults {
    async fn answers(&self) -> i64 {
        self.0.answers
    }
    async fn as_client(&self) -> i64 {
        self.0.as_client
    }
    async fn as_stakeholder(&self) -> i64 {
        self.0.as_stakeholder
    }
    async fn both(&self) -> i64 {
        self.0.both
    }
    async fn neither(&self) -> i64 {
        self.0.neither
    }
    /// Who answered what (not a secret vote), oldest first.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn rows(&self, first: Option<i32>, after: Option<String>) -> Result<Page<PollAnswer>> {
        slice(self.0.rows.clone(), first, after, PollAnswer)
    }
}

#[derive(SimpleObject)]
pub struct StatusCount {
    pub status: ServiceStatus,
    pub count: i64,
}

#[derive(SimpleObject)]
pub struct PathCount {
    /// Absent: no path chosen yet.
    pub path: Option<MigrationPath>,
    pub count: i64,
}

#[derive(SimpleObject)]
pub struct ProgressPoint {
    /// `YYYY-MM-DD`
    pub on: String,
    pub planned: i64,
    pub migrated: i64,
}

pub struct TransitionDashboard(pub dashboard::Dashboard);

#[Object]
impl TransitionDashboard {
    async fn ends_on(&self) -> Option<String> {
        self.0.ends_on.map(|d| d.to_string())
    }
    async fn days_left(&self) -> Option<i64> {
        self.0.days_left
    }
    async fn at_risk_days(&self) -> i32 {
        self.0.at_risk_days
    }
    /// Services to migrate (internal ones left out).
    async fn total(&self) -> i64 {
        self.0.total
    }
    async fn internal(&self) -> i64 {
        self.0.internal
    }
    async fn by_status(&self) -> Vec<StatusCount> {
        self.0
            .by_status
            .iter()
            .map(|(status, count)| StatusCount {
                status: *status,
                count: *count,
            })
            .collect()
    }
    async fn by_path(&self) -> Vec<PathCount> {
        self.0
            .by_path
            .iter()
            .map(|(path, count)| PathCount {
                path: *path,
                count: *count,
            })
            .collect()
    }
    async fn at_risk(&self) -> i64 {
        self.0.at_risk
    }
    /// The services at risk: for the board and the working group (empty for others).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn at_risk_services(
        &self,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<TransitionService>> {
        slice(
            self.0.at_risk_services.clone(),
            first,
            after,
            TransitionService,
        )
    }
    /// Where things stood at the end of each day something moved.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn progress(
        &self,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<ProgressPoint>> {
        slice(self.0.progress.clone(), first, after, |p| ProgressPoint {
            on: p.on.to_string(),
            planned: p.planned,
            migrated: p.migrated,
        })
    }
}

/// A refused line of a CSV import.
#[derive(SimpleObject)]
pub struct ImportProblem {
    /// The line of the file (the header is line 1).
    pub line: i32,
    pub name: String,
    /// An `ErrorCode` (`VALIDATION`; `CONFLICT` for a service listed twice or already there).
    pub code: String,
    pub field: Option<String>,
    pub reason: Option<String>,
}

/// All imported, or (any problem) none.
#[derive(SimpleObject)]
pub struct ImportReport {
    pub imported: i32,
    pub problems: Vec<ImportProblem>,
}

impl From<crate::domain::transition::import::Report> for ImportReport {
    fn from(r: crate::domain::transition::import::Report) -> Self {
        Self {
            imported: i32::try_from(r.imported).unwrap_or(i32::MAX),
            problems: r
                .problems
                .into_iter()
                .map(|p| ImportProblem {
                    line: i32::try_from(p.line).unwrap_or(i32::MAX),
                    name: p.name,
                    code: p.code.as_str().to_owned(),
                    field: p.field.map(str::to_owned),
                    reason: p.reason.map(|r| r.as_str().to_owned()),
                })
                .collect(),
        }
    }
}
