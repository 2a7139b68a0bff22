//! The polls' queries. Thin: each parses its arguments and calls one domain function.

use super::objects::Poll;
use crate::domain::polls;
use crate::graphql::accounts::parse_uuid;
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::labs::Lab;
use crate::graphql::pagination::{from_rows, page_size, slice, Page};
use async_graphql::{Context, Object, Result, ID};

#[derive(Default)]
pub struct PollsQuery;

#[Object]
impl PollsQuery {
    /// The polls asking the caller (and those they created), open ones first — soonest to
    /// close first — then closed ones, latest first; optionally one Lab's.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn polls(
        &self,
        ctx: &Context<'_>,
        lab_id: Option<ID>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Poll>> {
        let limit = page_size(first)?;
        let lab_id = lab_id.map(|l| parse_uuid("labId", &l)).transpose()?;
        let cursor = after
            .as_deref()
            .map(polls::Cursor::parse)
            .transpose()
            .gql()?;
        let rows = polls::list(ctx.env(), ctx.actor(), lab_id, cursor, limit as u64 + 1)
            .await
            .gql()?;
        Ok(from_rows(
            rows,
            limit,
            cursor.is_some(),
            |r| r.cursor.clone(),
            |r| Poll(r.poll),
        ))
    }

    /// One poll: its audience and its author (others: `NOT_FOUND`).
    async fn poll(&self, ctx: &Context<'_>, id: ID) -> Result<Poll> {
        let id = parse_uuid("id", &id)?;
        polls::find_visible(&ctx.env().db, ctx.actor(), id)
            .await
            .gql()
            .map(Poll)
    }

    /// The running Labs the caller coordinates: those they may ask a poll, by name.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn poll_labs(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Lab>> {
        let labs = polls::poll_labs(ctx.env(), ctx.actor()).await.gql()?;
        slice(labs, first, after, Lab)
    }
}
