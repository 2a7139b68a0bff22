//! `lab_events`: the Lab's history of decisions (who, when, why).

use constellation_shared::ids::LabId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lab_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub lab_id: LabId,
    pub kind: String,
    pub actor_id: Option<Uuid>,
    pub comment: Option<String>,
    pub framing_version: Option<i32>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
