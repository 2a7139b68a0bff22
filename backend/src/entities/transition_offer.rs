//! `transition_offers`: volunteers' offers to take over a service or help.

use constellation_shared::dto::transition::{OfferKind, OfferStatus};
use constellation_shared::ids::{LabId, ServiceId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transition_offers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub service_id: Option<ServiceId>,
    pub offered_by: Uuid,
    pub lab_id: Option<LabId>,
    pub kind: OfferKind,
    pub note: String,
    pub status: OfferStatus,
    pub decision_reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
