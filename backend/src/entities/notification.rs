//! `notifications`: one per recipient and event (`event_key` unique per user).

use constellation_shared::dto::reach::NotificationKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: NotificationKind,
    pub event_key: String,
    /// JSON: what the message says (names, titles, dates).
    pub payload: String,
    /// The app's path to what the notification is about.
    pub link: String,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
