//! `lab_framings`: every version of every Lab's framing.

use constellation_shared::dto::labs::{FramingStatus, LabVisibility, MembershipPolicy};
use constellation_shared::ids::LabId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lab_framings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub lab_id: LabId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i32,
    pub status: FramingStatus,
    /// JSON array of strings.
    pub themes: String,
    pub description: String,
    pub objectives: String,
    pub scope_in: String,
    pub scope_out: String,
    pub expected_outputs: String,
    pub start_date: Date,
    pub end_date: Date,
    pub membership_policy: MembershipPolicy,
    pub participation: String,
    pub visibility: LabVisibility,
    pub review_comment: Option<String>,
    pub proposed_by: Uuid,
    pub proposed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
