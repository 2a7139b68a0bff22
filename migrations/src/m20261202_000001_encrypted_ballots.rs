//! Encrypted ballots (issue 15): a motion may be `encrypted` (its ballot kind stays
//! `SECRET`, so the one-participation-per-member key holds for it too). Its trustees post
//! public keys and partial decryptions; its ballot box holds ciphertexts only, one per
//! tracker and one per credential. No plaintext choice is ever stored for such a motion.

use crate::helpers::fk;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Motions {
    Table,
    Id,
    Encrypted,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MotionElections {
    Table,
    MotionId,
    Params,
    EncryptedTally,
    Closing,
    Record,
}

#[derive(DeriveIden)]
enum MotionTrustees {
    Table,
    MotionId,
    TrusteeIndex,
    UserId,
    PublicKey,
    PartialDecryption,
}

#[derive(DeriveIden)]
enum EncryptedBallots {
    Table,
    MotionId,
    Credential,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Motions::Table)
                .add_column(
                    ColumnDef::new(Motions::Encrypted)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .to_owned(),
        )
        .await?;
        use MotionElections as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(ColumnDef::new(E::MotionId).uuid().not_null().primary_key())
                .col(ColumnDef::new(E::Params).text().null())
                .col(ColumnDef::new(E::EncryptedTally).text().null())
                // The attendance the result is decided on, taken when voting closed.
                .col(ColumnDef::new(E::Closing).text().null())
                .col(ColumnDef::new(E::Record).text().null())
                .foreign_key(
                    fk(
                        "fk_elections_motion",
                        (E::Table, E::MotionId),
                        (Motions::Table, Motions::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        use MotionTrustees as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(ColumnDef::new(T::MotionId).uuid().not_null())
                .col(
                    ColumnDef::new(T::TrusteeIndex)
                        .integer()
                        .not_null()
                        .check(Expr::col(T::TrusteeIndex).gt(0)),
                )
                // Set to null if the trustee deletes their account (the published key stays).
                .col(ColumnDef::new(T::UserId).uuid().null())
                .col(ColumnDef::new(T::PublicKey).text().null())
                .col(ColumnDef::new(T::PartialDecryption).text().null())
                .primary_key(Index::create().col(T::MotionId).col(T::TrusteeIndex))
                .foreign_key(
                    fk(
                        "fk_trustees_motion",
                        (T::Table, T::MotionId),
                        (Motions::Table, Motions::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    fk(
                        "fk_trustees_user",
                        (T::Table, T::UserId),
                        (Users::Table, Users::Id),
                    )
                    .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_trustees_motion_user")
                .table(T::Table)
                .col(T::MotionId)
                .col(T::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        // The ballot box: no voter, no time; on SQLite `WITHOUT ROWID`, so rows sit in
        // tracker (hash) order, not arrival order. The close rewrites it (PostgreSQL's xmin).
        let (rowid, uuid) = match m.get_database_backend() {
            DbBackend::Sqlite => (" WITHOUT ROWID", "uuid_text"),
            _ => ("", "UUID"),
        };
        m.get_connection()
            .execute_unprepared(&format!(
                "CREATE TABLE encrypted_ballots (\
                 motion_id {uuid} NOT NULL REFERENCES motions (id) ON DELETE CASCADE, \
                 tracker VARCHAR(64) NOT NULL, \
                 credential VARCHAR(64) NOT NULL, \
                 ballot TEXT NOT NULL, \
                 PRIMARY KEY (motion_id, tracker)){rowid}"
            ))
            .await?;
        use EncryptedBallots as B;
        m.create_index(
            Index::create()
                .name("ux_encrypted_ballots_credential")
                .table(B::Table)
                .col(B::MotionId)
                .col(B::Credential)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            EncryptedBallots::Table.into_iden(),
            MotionTrustees::Table.into_iden(),
            MotionElections::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Motions::Table)
                .drop_column(Motions::Encrypted)
                .to_owned(),
        )
        .await
    }
}
