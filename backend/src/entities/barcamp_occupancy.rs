//! `barcamp_occupancy`: one row per (slot, room) a session takes; the primary key forbids double booking.

use constellation_shared::ids::{RoomId, SessionId, SlotId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barcamp_occupancy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub slot_id: SlotId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub room_id: RoomId,
    pub session_id: SessionId,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
