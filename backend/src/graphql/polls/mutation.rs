//! The polls' mutations. Thin: each parses ids and calls one domain function; who may is the
//! domain's rule (`domain::polls`), said again here in one line.

use super::objects::Poll;
use crate::domain::polls;
use crate::graphql::accounts::parse_uuid;
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use async_graphql::{Context, Object, Result, ID};
use constellation_shared::dto::polls::CreatePollInput;

#[derive(Default)]
pub struct PollsMutation;

#[Object]
impl PollsMutation {
    /// Asks the association's members (the board) or a Lab's (its coordinators).
    async fn create_poll(&self, ctx: &Context<'_>, input: CreatePollInput) -> Result<Poll> {
        polls::create(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(Poll)
    }

    /// The audience answers while the poll is open: option indices (one; a set; a ranking,
    /// best first). Open polls: answering again replaces the answer; anonymous polls: once.
    async fn answer_poll(&self, ctx: &Context<'_>, poll_id: ID, choice: Vec<i32>) -> Result<Poll> {
        let id = parse_uuid("pollId", &poll_id)?;
        polls::answer(ctx.env(), ctx.actor(), id, choice)
            .await
            .gql()
            .map(Poll)
    }

    /// Its author closes the poll now.
    async fn close_poll(&self, ctx: &Context<'_>, poll_id: ID) -> Result<Poll> {
        let id = parse_uuid("pollId", &poll_id)?;
        polls::close(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(Poll)
    }
}
