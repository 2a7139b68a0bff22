//! `motions`: motions under agenda items; `result` is JSON once closed.

use constellation_shared::dto::assemblies::{
    BallotKind, ElectionMode, MajorityRuleCode, MotionKind, MotionStatus,
};
use constellation_shared::ids::{AssemblyId, ItemId, MotionId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "motions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: MotionId,
    pub assembly_id: AssemblyId,
    pub item_id: ItemId,
    pub text: String,
    pub rule_code: MajorityRuleCode,
    pub ballot: BallotKind,
    pub status: MotionStatus,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub result: Option<String>,
    /// Ballots encrypted in the voter's page (`ballot` is then `SECRET`).
    pub encrypted: bool,
    /// `MOTION` or `ELECTION`.
    pub kind: MotionKind,
    /// Elections: seats to fill and how they are voted.
    pub seats: Option<i32>,
    pub mode: Option<ElectionMode>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
