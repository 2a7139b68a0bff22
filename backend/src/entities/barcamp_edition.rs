//! `barcamp_editions`: a barcamp edition: dates, venue, the venue's time zone, phase.

use constellation_shared::dto::barcamp::BarcampPhase;
use constellation_shared::ids::EditionId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barcamp_editions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: EditionId,
    pub year: i32,
    pub title: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub venue: String,
    pub timezone: String,
    pub phase: BarcampPhase,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
