//! `outbox_mails`: mails written with the change that causes them, delivered by the sender
//! task (`event_key` unique: one mail per event and recipient).

use constellation_shared::Language;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_mails")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_key: String,
    pub user_id: Option<Uuid>,
    pub to_address: String,
    pub kind: String,
    pub language: Language,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// An iCalendar attachment (the convocation's assembly).
    pub ics: Option<String>,
    /// The `List-Unsubscribe` target (absent for mail the law requires).
    pub unsubscribe: Option<String>,
    /// What the mail is about, for sending records (`assembly`, id).
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    /// `PENDING`, `SENT`, `FAILED` (gave up after the last retry).
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A sender holds the row until then (another takes it over after a crash).
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
