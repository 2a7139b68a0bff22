//! `projects`: projects inside Labs.

use constellation_shared::dto::labs::ProjectStatus;
use constellation_shared::ids::{LabId, ProjectId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ProjectId,
    pub lab_id: LabId,
    pub title: String,
    pub description: String,
    pub goals: String,
    pub resources_needed: String,
    pub status: ProjectStatus,
    pub proposed_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
