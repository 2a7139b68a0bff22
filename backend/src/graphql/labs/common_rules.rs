//! The common rules: the version in force, the history, publishing a new version.

use crate::domain::{labs::common_rules, DomainError};
use crate::entities::common_rule;
use crate::graphql::accounts::User;
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::labs::person;
use crate::graphql::pagination::{from_rows, page_size, Page};
use async_graphql::{Context, Object, Result};
use constellation_shared::ValidationReason;

pub struct CommonRules(pub common_rule::Model);

#[Object]
impl CommonRules {
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// Numbered articles, markdown.
    async fn body(&self) -> &str {
        &self.0.body
    }
    /// The decision that adopted this version (a board decision or an assembly motion).
    async fn decision_ref(&self) -> &str {
        &self.0.decision_ref
    }
    async fn adopted_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.adopted_at
    }
    async fn adopted_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.adopted_by {
            Some(id) => person(ctx, id).await,
            None => Ok(None),
        }
    }
}

#[derive(Default)]
pub struct CommonRulesQuery;

#[Object]
impl CommonRulesQuery {
    /// The version in force; null before any was adopted. Public: the rules bind everyone.
    async fn common_rules(&self, ctx: &Context<'_>) -> Result<Option<CommonRules>> {
        Ok(common_rules::current(&ctx.env().db)
            .await
            .gql()?
            .map(CommonRules))
    }

    /// Every version, newest first.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn common_rules_history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<CommonRules>> {
        let limit = page_size(first)?;
        let before = after
            .as_deref()
            .map(|a| {
                a.parse::<i32>()
                    .map_err(|_| DomainError::invalid("after", ValidationReason::Invalid))
            })
            .transpose()
            .gql()?;
        let rows = common_rules::history(ctx.env(), before, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            before.is_some(),
            |r| r.version.to_string(),
            CommonRules,
        ))
    }
}

#[derive(Default)]
pub struct CommonRulesMutation;

#[Object]
impl CommonRulesMutation {
    /// The board publishes a new version with the decision that adopted it.
    async fn publish_common_rules(
        &self,
        ctx: &Context<'_>,
        body: String,
        decision_ref: String,
    ) -> Result<CommonRules> {
        common_rules::publish(ctx.env(), ctx.actor(), &body, &decision_ref)
            .await
            .gql()
            .map(CommonRules)
    }
}
