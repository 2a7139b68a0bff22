//! `majority_rules`: the law's majority presets, as data.

use constellation_shared::dto::assemblies::MajorityRuleCode;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "majority_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: MajorityRuleCode,
    pub name_fr: String,
    pub name_en: String,
    pub quorum_num: i32,
    pub quorum_den: i32,
    pub majority_num: i32,
    pub majority_den: i32,
    pub strict: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
