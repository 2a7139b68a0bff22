//! `resource_pools`: something the association shares, with a unit and a scale.

use constellation_shared::dto::resources::PoolKind;
use constellation_shared::ids::PoolId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resource_pools")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: PoolId,
    pub name: String,
    pub kind: PoolKind,
    pub unit: String,
    /// Decimals of the unit: amounts are stored as integers × 10^scale.
    pub scale: i32,
    pub description: String,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
