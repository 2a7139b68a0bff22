//! `candidate_votes`: open election ballots, one mark per member and candidate.

use constellation_shared::ids::MotionId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "candidate_votes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub motion_id: MotionId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub member_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub candidate_id: Uuid,
    pub choice: String,
    pub cast_by: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
