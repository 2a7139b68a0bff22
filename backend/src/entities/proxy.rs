//! `proxies`: one proxy row per principal and assembly.

use constellation_shared::dto::assemblies::ProxyStatus;
use constellation_shared::ids::{AssemblyId, ProxyId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proxies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ProxyId,
    pub assembly_id: AssemblyId,
    pub principal_id: Uuid,
    pub holder_id: Uuid,
    pub status: ProxyStatus,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
