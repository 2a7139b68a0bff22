//! A Lab may invite someone who has no account yet: the invitation link (`mail_tokens`,
//! purpose `INVITE`) then names the Lab, and the account created by following it starts
//! invited to that Lab. No foreign key: SQLite cannot add one to an existing table, Labs
//! are archived rather than deleted, and accepting checks that the Lab still runs.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MailTokens {
    Table,
    LabId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(MailTokens::Table)
                    .add_column(ColumnDef::new(MailTokens::LabId).uuid().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(MailTokens::Table)
                    .drop_column(MailTokens::LabId)
                    .to_owned(),
            )
            .await
    }
}
