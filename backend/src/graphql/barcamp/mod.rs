//! The annual barcamp: editions, rooms and slots, attendees, sessions and interest, the
//! scheduler and hand moves, the published schedule, the personal agenda, live changes.
//! Everything about an edition is public except who is interested (only counts), the
//! registration count (organisers) and placements before publication (organisers).

use super::accounts::{parse_uuid, viewer_language, User};
use super::context::ContextExt;
use super::error::GqlResultExt;
use super::labs::{load, person};
use super::loaders::{
    EditionLoader, HostsLoader, InterestCountLoader, InterestedLoader, LabLoader, MembersLoader,
    OrganisersLoader, RegistrationLoader, RoomLoader, RoomsByEditionLoader, SessionLoader,
    SlotsByEditionLoader,
};
use super::pagination::{from_rows, page_size, Page};
use crate::domain::barcamp::access;
use crate::domain::barcamp::schedule::{self as schedule, Issue, Timeline, UnplacedKind};
use crate::domain::barcamp::sessions::{self as sessions};
use crate::domain::barcamp::{self as editions, equipment_of, tz_of};
use crate::domain::{labs, Actor, DomainError};
use crate::entities::{barcamp_edition, barcamp_room, barcamp_session, barcamp_slot};
use async_graphql::{Context, Object, Result, SimpleObject, Subscription, ID};
use constellation_shared::dto::barcamp::{
    BarcampPhase, EditionInput, RoomInput, SessionFormat, SessionInput, SessionStatus, SlotInput,
};
use constellation_shared::ids::EditionId;
use constellation_shared::{Language, ValidationReason};
use futures_util::{Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;
use uuid::Uuid;

mod edition;
mod mutation;
mod query;
mod schedule_objects;
mod session;
mod subscription;
pub use edition::*;
pub use mutation::*;
pub use query::*;
pub use schedule_objects::*;
pub use session::*;
pub use subscription::*;

async fn edition_of(ctx: &Context<'_>, id: EditionId) -> Result<barcamp_edition::Model> {
    load::<EditionLoader, _>(ctx, id)
        .await?
        .ok_or(DomainError::internal("missing edition"))
        .gql()
}

async fn organises(ctx: &Context<'_>, edition_id: EditionId) -> Result<bool> {
    // Decided without loading when the actor alone settles it (anonymous, board, admin).
    match ctx.actor() {
        Actor::User(u) if u.is_board || u.is_admin => return Ok(true),
        Actor::User(_) => {}
        _ => return Ok(false),
    }
    let named: Vec<Uuid> = load::<OrganisersLoader, _>(ctx, edition_id)
        .await?
        .unwrap_or_default()
        .iter()
        .map(|o| o.user_id)
        .collect();
    Ok(access::organises(ctx.actor(), &named))
}

async fn sees_placements(ctx: &Context<'_>, edition_id: EditionId) -> Result<bool> {
    let e = edition_of(ctx, edition_id).await?;
    Ok(access::sees_placements(
        e.phase,
        organises(ctx, edition_id).await?,
    ))
}

async fn timeline_of(ctx: &Context<'_>, edition_id: EditionId) -> Result<Timeline> {
    Ok(Timeline::new(
        load::<SlotsByEditionLoader, _>(ctx, edition_id)
            .await?
            .unwrap_or_default(),
    ))
}

fn opt_id<T: std::str::FromStr>(field: &'static str, id: Option<ID>) -> Result<Option<T>> {
    id.map(|i| parse_uuid(field, &i)).transpose()
}
