//! `lab_members`: who is in which Lab, as what, and whether it is settled.

use constellation_shared::dto::labs::{LabRole, MemberState};
use constellation_shared::ids::LabId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lab_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub lab_id: LabId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub role: LabRole,
    pub state: MemberState,
    pub since: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
