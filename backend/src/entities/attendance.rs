//! `attendance`: who checked in at an assembly.

use constellation_shared::ids::AssemblyId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub assembly_id: AssemblyId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub checked_in_at: DateTimeUtc,
    pub checked_in_by: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
