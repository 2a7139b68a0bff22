//! Paper and show-of-hands votes: the chair records the counts cast in the room on an open
//! motion (`recordRoomCount`); members read them (`motionRoomCount`) when the tally shows.
//! The rules live in `domain::assemblies::room_counts`.

use super::Motion;
use crate::domain::assemblies::room_counts::{self, RoomCounts};
use crate::graphql::accounts::{parse_uuid, User};
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::labs::person;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use constellation_shared::dto::assemblies::RoomCountInput;

/// The votes cast in the room on a motion, as recorded by the chair.
#[derive(SimpleObject)]
pub struct RoomCount {
    yes: i32,
    no: i32,
    abstain: i32,
    note: String,
    recorded_at: chrono::DateTime<chrono::Utc>,
    recorded_by: Option<User>,
}

#[derive(Default)]
pub struct RoomCountQuery;

#[Object]
impl RoomCountQuery {
    /// The room count of a motion: open ballots at any time, secret ballots once closed;
    /// null when none was recorded.
    async fn motion_room_count(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
    ) -> Result<Option<RoomCount>> {
        let id = parse_uuid("motionId", &motion_id)?;
        let Some(r) = room_counts::get(ctx.env(), ctx.actor(), id).await.gql()? else {
            return Ok(None);
        };
        Ok(Some(RoomCount {
            yes: r.yes,
            no: r.no,
            abstain: r.abstain,
            note: r.note,
            recorded_at: r.recorded_at,
            recorded_by: person(ctx, r.recorded_by).await?,
        }))
    }
}

#[derive(Default)]
pub struct RoomCountMutation;

#[Object]
impl RoomCountMutation {
    /// The chair records (or corrects, until the close) the votes cast in the room.
    async fn record_room_count(
        &self,
        ctx: &Context<'_>,
        motion_id: ID,
        input: RoomCountInput,
    ) -> Result<Motion> {
        let id = parse_uuid("motionId", &motion_id)?;
        let counts = RoomCounts {
            yes: input.yes.into(),
            no: input.no.into(),
            abstain: input.abstain.into(),
        };
        room_counts::record(ctx.env(), ctx.actor(), id, counts, &input.note)
            .await
            .gql()
            .map(Motion)
    }
}
