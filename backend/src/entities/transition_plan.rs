//! `transition_plans`: the one transition: its decision, end-of-service date and at-risk setting.

use constellation_shared::ids::{LabId, MotionId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transition_plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub singleton: i32,
    pub title: String,
    pub decision_motion_id: Option<MotionId>,
    pub decision_note: String,
    pub ends_on: Date,
    pub at_risk_days: i32,
    pub working_group_lab_id: LabId,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
