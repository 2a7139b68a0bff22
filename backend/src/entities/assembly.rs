//! `assemblies`: general assemblies: convocation, session, closing.

use constellation_shared::dto::assemblies::{AssemblyKind, AssemblyStatus};
use constellation_shared::ids::AssemblyId;
use constellation_shared::Language;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assemblies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: AssemblyId,
    pub kind: AssemblyKind,
    pub title: String,
    pub starts_at: DateTimeUtc,
    pub place: String,
    pub language: Language,
    pub status: AssemblyStatus,
    pub first_convocation_id: Option<AssemblyId>,
    pub convened_at: Option<DateTimeUtc>,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
