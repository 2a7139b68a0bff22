//! `live_events`: what each replica sent to its live subscribers, so the others can deliver
//! it too (PostgreSQL: the row is written, then `NOTIFY constellation_live` carries its id;
//! a listener that lost its connection reads back every id it missed). Rows are pruned after
//! an hour. On SQLite one process serves the database and the table stays empty.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LiveEvents {
    Table,
    Id,
    Kind,
    Reference,
    Origin,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LiveEvents::Table)
                    // Increasing: a listener's cursor.
                    .col(
                        ColumnDef::new(LiveEvents::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    // `audit` (an audit_log id), `live` (an assembly signal), `notice` (a
                    // member whose bell rings).
                    .col(ColumnDef::new(LiveEvents::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(LiveEvents::Reference).text().not_null())
                    // The sending process (a random id per start): it delivered the event
                    // to its own subscribers already.
                    .col(ColumnDef::new(LiveEvents::Origin).string_len(36).not_null())
                    .col(
                        ColumnDef::new(LiveEvents::At)
                            .timestamp_with_time_zone()
                            .not_null()
                            .default(Expr::current_timestamp()),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_live_events_at")
                    .table(LiveEvents::Table)
                    .col(LiveEvents::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LiveEvents::Table).to_owned())
            .await
    }
}
