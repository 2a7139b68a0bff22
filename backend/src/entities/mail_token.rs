//! `mail_tokens`: single-use links sent by mail (password reset, address verification,
//! invitation). Only the token's SHA-256 is stored.

use constellation_shared::ids::LabId;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_tokens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `RESET`, `VERIFY`, `INVITE`.
    pub purpose: String,
    pub token_hash: String,
    pub user_id: Option<Uuid>,
    pub email: String,
    /// For invitations: the kind the board gives the new member.
    pub membership_kind: Option<String>,
    pub display_name: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
    /// For an invitation sent by a Lab: the Lab the new account starts invited to.
    pub lab_id: Option<LabId>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
