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
    pub timezone: Zone,
    pub phase: BarcampPhase,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The venue's IANA time zone, read once at the entity edge: a stored name chrono-tz does not
/// know fails the query (logged, `INTERNAL`) instead of falling back to some zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, DeriveValueType)]
#[sea_orm(value_type = "String")]
pub struct Zone(pub chrono_tz::Tz);

impl std::str::FromStr for Zone {
    type Err = chrono_tz::ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(Zone)
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name())
    }
}

impl serde::Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.name())
    }
}
