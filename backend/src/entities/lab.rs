//! `labs`: a Lab, its status and which framing versions are approved and pending.

use constellation_shared::dto::labs::{LabStatus, LabVisibility};
use constellation_shared::ids::LabId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "labs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: LabId,
    pub slug: String,
    pub name: String,
    pub status: LabStatus,
    pub approved_framing_version: Option<i32>,
    pub pending_framing_version: Option<i32>,
    pub acknowledged_rules_version: Option<i32>,
    /// The visibility of the framing in force (or of the proposal).
    pub visibility: LabVisibility,
    /// `|theme|other theme|`, lowercase, for the theme filter.
    pub themes_key: String,
    /// Lowercase name, description and themes, for search.
    pub search_text: String,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
