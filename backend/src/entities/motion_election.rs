//! `motion_elections`: an encrypted motion's public values: the parameters once every trustee
//! posted its key, the encrypted tally once closed, the election record once decrypted.

use constellation_shared::ids::MotionId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "motion_elections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub motion_id: MotionId,
    pub params: Option<String>,
    pub encrypted_tally: Option<String>,
    /// The attendance taken at the close (JSON), for the result decided after decryption.
    pub closing: Option<String>,
    pub record: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
