//! `encrypted_ballots`: an encrypted motion's ballot box: the tracker, the public credential
//! and the ballot (ciphertexts and proofs, JSON); no voter, no time.

use constellation_shared::ids::MotionId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "encrypted_ballots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub motion_id: MotionId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub tracker: String,
    pub credential: String,
    pub ballot: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
