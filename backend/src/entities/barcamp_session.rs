//! `barcamp_sessions`: proposed sessions and where they are placed (room, first slot).

use constellation_shared::dto::barcamp::{SessionFormat, SessionStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barcamp_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub edition_id: Uuid,
    pub title: String,
    pub description: String,
    pub format: SessionFormat,
    pub length: i32,
    pub equipment: String,
    pub lab_id: Option<Uuid>,
    pub proposed_by: Uuid,
    pub status: SessionStatus,
    pub status_reason: Option<String>,
    pub merged_into: Option<Uuid>,
    pub room_id: Option<Uuid>,
    pub start_slot_id: Option<Uuid>,
    pub pinned: bool,
    pub unplaced_reason: Option<String>,
    pub revision: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
