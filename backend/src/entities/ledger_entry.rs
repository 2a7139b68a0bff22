//! `ledger_entries`: every grant and release, never edited.

use constellation_shared::dto::resources::LedgerKind;
use constellation_shared::ids::{LabId, PeriodId, RequestId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ledger_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub period_id: PeriodId,
    pub request_id: RequestId,
    pub lab_id: LabId,
    pub kind: LedgerKind,
    pub amount: i64,
    pub reason: String,
    pub actor_id: Option<Uuid>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
