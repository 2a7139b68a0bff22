//! `barcamp_organisers`: people the board named organisers of an edition.

use constellation_shared::ids::EditionId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barcamp_organisers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub edition_id: EditionId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
