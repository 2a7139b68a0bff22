//! Reaching the members: notifications (one per recipient and event: a unique key), the
//! members' preferences per kind, the mail outbox (one mail per event and recipient: a unique
//! key; rows written in the transaction of the change that causes them), single-use tokens
//! sent by mail (password reset, address verification, invitations: only their hash is
//! kept), and the register of members the law asks the board to keep.

use crate::helpers::{fk, text};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    EmailVerifiedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    EventKey,
    Payload,
    Link,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum NotificationPreferences {
    Table,
    UserId,
    Kind,
    Channel,
}

#[derive(DeriveIden)]
enum OutboxMails {
    Table,
    Id,
    EventKey,
    UserId,
    ToAddress,
    Kind,
    Language,
    Subject,
    TextBody,
    HtmlBody,
    Ics,
    Unsubscribe,
    SubjectType,
    SubjectId,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum MailTokens {
    Table,
    Id,
    Purpose,
    TokenHash,
    UserId,
    Email,
    MembershipKind,
    DisplayName,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum MemberRegister {
    Table,
    UserId,
    Address,
    AdmittedOn,
    LeftOn,
    Note,
    UpdatedAt,
}

fn uuid(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().not_null().to_owned()
}

fn at(col: impl IntoIden, null: bool) -> ColumnDef {
    let mut c = ColumnDef::new(col);
    c.timestamp_with_time_zone();
    if null {
        c.null();
    } else {
        c.not_null();
    }
    c.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(at(Users::EmailVerifiedAt, true))
                    .to_owned(),
            )
            .await?;

        use Notifications as N;
        manager
            .create_table(
                Table::create()
                    .table(N::Table)
                    .col(uuid(N::Id).primary_key())
                    .col(uuid(N::UserId))
                    .col(text(N::Kind))
                    .col(text(N::EventKey))
                    .col(text(N::Payload))
                    .col(text(N::Link))
                    .col(at(N::CreatedAt, false))
                    .col(at(N::ReadAt, true))
                    .foreign_key(&mut fk(
                        "fk_notifications_user",
                        (N::Table, N::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_notifications_event")
                    .table(N::Table)
                    .col(N::UserId)
                    .col(N::EventKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_user_created")
                    .table(N::Table)
                    .col(N::UserId)
                    .col(N::CreatedAt)
                    .to_owned(),
            )
            .await?;

        use NotificationPreferences as P;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(uuid(P::UserId))
                    .col(text(P::Kind))
                    .col(text(P::Channel))
                    .primary_key(Index::create().col(P::UserId).col(P::Kind))
                    .foreign_key(&mut fk(
                        "fk_notification_preferences_user",
                        (P::Table, P::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        use OutboxMails as O;
        manager
            .create_table(
                Table::create()
                    .table(O::Table)
                    .col(uuid(O::Id).primary_key())
                    .col(text(O::EventKey))
                    .col(ColumnDef::new(O::UserId).uuid().null())
                    .col(text(O::ToAddress))
                    .col(text(O::Kind))
                    .col(text(O::Language))
                    .col(text(O::Subject))
                    .col(text(O::TextBody))
                    .col(text(O::HtmlBody))
                    .col(ColumnDef::new(O::Ics).text().null())
                    .col(ColumnDef::new(O::Unsubscribe).text().null())
                    .col(ColumnDef::new(O::SubjectType).text().null())
                    .col(ColumnDef::new(O::SubjectId).text().null())
                    .col(text(O::Status))
                    .col(ColumnDef::new(O::Attempts).integer().not_null().default(0))
                    .col(at(O::NextAttemptAt, false))
                    .col(at(O::ClaimedUntil, true))
                    .col(ColumnDef::new(O::LastError).text().null())
                    .col(at(O::CreatedAt, false))
                    .col(at(O::SentAt, true))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_outbox_event")
                    .table(O::Table)
                    .col(O::EventKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_due")
                    .table(O::Table)
                    .col(O::Status)
                    .col(O::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_subject")
                    .table(O::Table)
                    .col(O::SubjectType)
                    .col(O::SubjectId)
                    .to_owned(),
            )
            .await?;

        use MailTokens as T;
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(uuid(T::Id).primary_key())
                    .col(text(T::Purpose))
                    .col(text(T::TokenHash))
                    .col(ColumnDef::new(T::UserId).uuid().null())
                    .col(text(T::Email))
                    .col(ColumnDef::new(T::MembershipKind).text().null())
                    .col(ColumnDef::new(T::DisplayName).text().null())
                    .col(ColumnDef::new(T::CreatedBy).uuid().null())
                    .col(at(T::CreatedAt, false))
                    .col(at(T::ExpiresAt, false))
                    .col(at(T::UsedAt, true))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_mail_tokens_hash")
                    .table(T::Table)
                    .col(T::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;

        use MemberRegister as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(uuid(R::UserId).primary_key())
                    .col(text(R::Address))
                    .col(ColumnDef::new(R::AdmittedOn).date().null())
                    .col(ColumnDef::new(R::LeftOn).date().null())
                    .col(text(R::Note))
                    .col(at(R::UpdatedAt, false))
                    .foreign_key(&mut fk(
                        "fk_member_register_user",
                        (R::Table, R::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            MemberRegister::Table.into_iden(),
            MailTokens::Table.into_iden(),
            OutboxMails::Table.into_iden(),
            NotificationPreferences::Table.into_iden(),
            Notifications::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::EmailVerifiedAt)
                    .to_owned(),
            )
            .await
    }
}
