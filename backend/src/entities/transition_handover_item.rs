//! `transition_handover_items`: one item of a service's data hand-over checklist.

use constellation_shared::dto::transition::HandoverItemKind;
use constellation_shared::ids::ServiceId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transition_handover_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub service_id: ServiceId,
    pub item: HandoverItemKind,
    pub handed_by: Option<Uuid>,
    pub handed_at: Option<DateTimeUtc>,
    pub confirmed_by: Option<Uuid>,
    pub confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
