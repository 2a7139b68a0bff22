//! `motion_trustees`: the trustees of an encrypted motion: index, person, the public part of
//! their key and their partial decryption (JSON). Never a secret.

use constellation_shared::ids::MotionId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "motion_trustees")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub motion_id: MotionId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub trustee_index: i32,
    pub user_id: Option<Uuid>,
    pub public_key: Option<String>,
    pub partial_decryption: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
