//! `barcamp_sessions`: proposed sessions and where they are placed (room, first slot).

use constellation_shared::dto::barcamp::{SessionFormat, SessionStatus};
use constellation_shared::ids::{EditionId, LabId, RoomId, SessionId, SlotId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barcamp_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: SessionId,
    pub edition_id: EditionId,
    pub title: String,
    pub description: String,
    pub format: SessionFormat,
    pub length: i32,
    pub equipment: String,
    pub lab_id: Option<LabId>,
    pub proposed_by: Uuid,
    pub status: SessionStatus,
    pub status_reason: Option<String>,
    pub merged_into: Option<SessionId>,
    pub room_id: Option<RoomId>,
    pub start_slot_id: Option<SlotId>,
    pub pinned: bool,
    pub unplaced_reason: Option<String>,
    pub revision: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
