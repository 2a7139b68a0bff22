//! `agenda_items`: the numbered agenda of an assembly (documents as a JSON array).

use constellation_shared::ids::{AssemblyId, ItemId};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ItemId,
    pub assembly_id: AssemblyId,
    pub number: String,
    pub sort_key: String,
    pub title: String,
    pub body: String,
    pub documents: String,
    pub statutory: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
