//! `barcamp_rooms`: rooms of an edition; equipment is a JSON array of lowercase words.

use constellation_shared::ids::{EditionId, RoomId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barcamp_rooms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: RoomId,
    pub edition_id: EditionId,
    pub name: String,
    pub capacity: i32,
    pub equipment: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
