//! `transition_status_events`: every status step of every service: who, when, why.

use constellation_shared::dto::transition::{MigrationPath, ServiceStatus};
use constellation_shared::ids::ServiceId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transition_status_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub service_id: ServiceId,
    pub from_status: Option<ServiceStatus>,
    pub to_status: ServiceStatus,
    pub path: Option<MigrationPath>,
    pub reason: Option<String>,
    pub actor_id: Option<Uuid>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
