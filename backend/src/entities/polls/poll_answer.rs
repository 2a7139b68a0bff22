//! `poll_answers`: who answered what in an open poll (one row per person and poll); the
//! choice is a JSON array of option indices.

use constellation_shared::ids::PollId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "poll_answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub poll_id: PollId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub choice: String,
    pub answered_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
