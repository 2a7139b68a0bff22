//! `transition_services`: a hosted service, its path, status and hand-over state (CHECKs hold the rules).

use constellation_shared::dto::transition::{MigrationPath, ServiceKind, ServiceStatus};
use constellation_shared::ids::{LabId, ServiceId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transition_services")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ServiceId,
    pub kind: ServiceKind,
    pub name: String,
    pub name_key: String,
    pub description: String,
    pub address: String,
    pub internal: bool,
    pub status: ServiceStatus,
    pub path: Option<MigrationPath>,
    pub target_host: String,
    pub group_id: Option<Uuid>,
    pub taker_user_id: Option<Uuid>,
    pub taker_lab_id: Option<LabId>,
    pub handover_confirmed_at: Option<DateTimeUtc>,
    pub handover_waived_reason: Option<String>,
    pub handover_waived_by: Option<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
