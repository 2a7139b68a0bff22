//! `polls`: a poll outside assemblies: its options (a JSON array of texts), kind, visibility,
//! audience (the members, or `lab_id`'s members), author and closing date.

use constellation_shared::dto::polls::{PollAudience, PollKind, PollVisibility};
use constellation_shared::ids::{LabId, PollId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "polls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: PollId,
    pub title: String,
    pub description: String,
    pub kind: PollKind,
    pub visibility: PollVisibility,
    pub audience: PollAudience,
    pub lab_id: Option<LabId>,
    pub options: String,
    pub author_id: Uuid,
    pub closes_at: DateTimeUtc,
    pub closed_early: bool,
    /// Anonymous polls: the answers were rewritten in a random order after the close.
    pub sealed: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
