//! `pool_periods`: a pool's capacity for a period and how much of it is granted
//! (`granted <= capacity` is a CHECK constraint).

use constellation_shared::ids::{PeriodId, PoolId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pool_periods")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: PeriodId,
    pub pool_id: PoolId,
    pub label: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub capacity: i64,
    pub granted: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
