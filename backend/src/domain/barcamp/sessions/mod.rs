//! The annual barcamp, part two: sessions and interest. Registered attendees propose
//! sessions and mark interest; hosts edit until scheduling; organisers decline, merge or
//! cancel, always with a reason.

use crate::domain::barcamp::schedule::{place_rows, unplace};
use crate::domain::barcamp::{self, equipment, record, require_organiser, require_registered};
use crate::domain::core::parse::text;
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{
    barcamp_host as host, barcamp_interest as interest, barcamp_registration,
    barcamp_session as session, lab, user,
};
use chrono::Utc;
use constellation_shared::dto::barcamp::{
    BarcampPhase, SessionFormat, SessionInput, SessionStatus,
};
use constellation_shared::dto::labs::LabStatus;
use constellation_shared::ids::{EditionId, SessionId};
use constellation_shared::ValidationReason;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use std::collections::HashSet;
use uuid::Uuid;

mod closing;
mod interests;
mod privacy;
mod proposals;
pub use closing::*;
pub use interests::*;
pub use privacy::*;
pub use proposals::*;

pub const MAX_CO_HOSTS: usize = 5;

pub async fn find<C: ConnectionTrait>(conn: &C, id: SessionId) -> DomainResult<session::Model> {
    session::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

pub async fn hosts_of<C: ConnectionTrait>(
    conn: &C,
    session_id: SessionId,
) -> DomainResult<Vec<Uuid>> {
    Ok(host::Entity::find()
        .filter(host::Column::SessionId.eq(session_id))
        .select_only()
        .column(host::Column::UserId)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Ids of every session the person hosts (any edition, any status).
async fn hosted_ids<C: ConnectionTrait>(conn: &C, user_id: Uuid) -> DomainResult<Vec<Uuid>> {
    Ok(host::Entity::find()
        .filter(host::Column::UserId.eq(user_id))
        .select_only()
        .column(host::Column::SessionId)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Programme sessions of the edition the person hosts.
pub async fn hosted_in<C: ConnectionTrait>(
    conn: &C,
    edition_id: EditionId,
    user_id: Uuid,
) -> DomainResult<Vec<session::Model>> {
    let ids: Vec<Uuid> = hosted_ids(conn, user_id).await?;
    Ok(session::Entity::find()
        .filter(session::Column::Id.is_in(ids))
        .filter(session::Column::EditionId.eq(edition_id))
        .filter(session::Column::Status.eq(SessionStatus::Proposed.as_str()))
        .all(conn)
        .await?)
}
