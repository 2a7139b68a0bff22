//! Accounts, the audit log, login attempts (rate limiting) and one-time platform flags.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    EmailNormalized,
    DisplayName,
    PasswordHash,
    MembershipKind,
    IsBoard,
    IsAdmin,
    Language,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorId,
    Action,
    TargetType,
    TargetId,
    At,
    Diff,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    Key,
    At,
}

#[derive(DeriveIden)]
enum PlatformFlags {
    Table,
    Name,
    SetAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(ColumnDef::new(Users::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Users::Email).string_len(254).not_null())
                    .col(
                        ColumnDef::new(Users::EmailNormalized)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Users::DisplayName)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Users::PasswordHash)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Users::MembershipKind)
                            .string_len(16)
                            .not_null()
                            .check(Expr::col(Users::MembershipKind).is_in([
                                "EFFECTIVE",
                                "ADHERENT",
                                "SYMPATHIZER",
                            ])),
                    )
                    .col(
                        ColumnDef::new(Users::IsBoard)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Users::IsAdmin)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Users::Language)
                            .string_len(2)
                            .not_null()
                            .check(Expr::col(Users::Language).is_in(["fr", "en"])),
                    )
                    .col(
                        ColumnDef::new(Users::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Users::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Users::DeletedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // One account per address, whatever its case: the database holds the rule.
        manager
            .create_index(
                Index::create()
                    .name("uq_users_email_normalized")
                    .table(Users::Table)
                    .col(Users::EmailNormalized)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    // A monotonic key: the log's order and its pagination cursor.
                    .col(
                        ColumnDef::new(AuditLog::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AuditLog::ActorId).uuid().null())
                    .col(ColumnDef::new(AuditLog::Action).string_len(64).not_null())
                    .col(
                        ColumnDef::new(AuditLog::TargetType)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(AuditLog::TargetId).string_len(64).not_null())
                    .col(
                        ColumnDef::new(AuditLog::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(AuditLog::Diff).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_audit_actor")
                            .from(AuditLog::Table, AuditLog::ActorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_actor")
                    .table(AuditLog::Table)
                    .col(AuditLog::ActorId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .col(
                        ColumnDef::new(LoginAttempts::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(LoginAttempts::Key)
                            .string_len(300)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(LoginAttempts::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_login_attempts_key_at")
                    .table(LoginAttempts::Table)
                    .col(LoginAttempts::Key)
                    .col(LoginAttempts::At)
                    .to_owned(),
            )
            .await?;

        // A flag is set at most once (primary key): used to grant the very first account
        // admin rights exactly once, even when two registrations race on an empty database.
        manager
            .create_table(
                Table::create()
                    .table(PlatformFlags::Table)
                    .col(
                        ColumnDef::new(PlatformFlags::Name)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(PlatformFlags::SetAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            PlatformFlags::Table.into_iden(),
            LoginAttempts::Table.into_iden(),
            AuditLog::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
