//! `resource_requests`: a Lab asks a pool for an amount in a period.

use constellation_shared::dto::resources::RequestStatus;
use constellation_shared::ids::{LabId, PeriodId, ProjectId, RequestId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resource_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: RequestId,
    pub lab_id: LabId,
    pub project_id: Option<ProjectId>,
    pub period_id: PeriodId,
    pub amount: i64,
    pub justification: String,
    pub status: RequestStatus,
    pub granted_amount: i64,
    pub released_amount: i64,
    pub decision_reason: Option<String>,
    pub requested_by: Uuid,
    pub decided_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
