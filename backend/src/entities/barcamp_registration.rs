//! `barcamp_registrations`: attendees of an edition, with the secret of their private calendar feed.

use constellation_shared::ids::EditionId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barcamp_registrations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub edition_id: EditionId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub feed_token: String,
    pub registered_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
