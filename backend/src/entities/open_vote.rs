//! `open_votes`: open-ballot votes: one per member and motion.

use constellation_shared::dto::assemblies::Choice;
use constellation_shared::ids::MotionId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "open_votes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub motion_id: MotionId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub member_id: Uuid,
    pub cast_by: Uuid,
    pub choice: Choice,
    pub cast_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
