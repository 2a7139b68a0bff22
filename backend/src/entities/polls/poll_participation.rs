//! `poll_participations`: that a person answered an anonymous poll (once), never what.

use constellation_shared::ids::PollId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "poll_participations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub poll_id: PollId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
