//! `barcamp_host_busy`: one row per (slot, host) of a placed session; the primary key keeps a host in one place.

use constellation_shared::ids::{SessionId, SlotId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barcamp_host_busy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub slot_id: SlotId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub session_id: SessionId,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
