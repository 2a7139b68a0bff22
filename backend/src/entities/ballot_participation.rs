//! `ballot_participations`: that a member took part in a secret ballot (one per member and motion), never the choice.

use constellation_shared::ids::MotionId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot_participations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub motion_id: MotionId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub member_id: Uuid,
    pub cast_by: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
