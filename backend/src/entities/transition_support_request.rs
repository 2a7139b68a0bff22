//! `transition_support_requests`: members' requests for second-line help, and the working group's answers.

use constellation_shared::dto::transition::SupportStatus;
use constellation_shared::ids::ServiceId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transition_support_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub service_id: Option<ServiceId>,
    pub requester_id: Uuid,
    pub subject: String,
    pub body: String,
    pub status: SupportStatus,
    pub assignee_id: Option<Uuid>,
    pub answer: Option<String>,
    pub answered_by: Option<Uuid>,
    pub answered_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
