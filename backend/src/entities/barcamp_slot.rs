//! `barcamp_slots`: time slots of an edition (UTC instants; `day` is the venue's local day).

use constellation_shared::ids::{EditionId, SlotId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barcamp_slots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: SlotId,
    pub edition_id: EditionId,
    pub day: Date,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
