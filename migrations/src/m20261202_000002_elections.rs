//! Elections of people (issue 15): a motion of kind `ELECTION` fills `seats` seats from its
//! accepted candidates, by approval (each voter approves up to `seats` candidates) or by
//! yes / no / abstain per candidate (`mode`). One ballot per member and election is the
//! participation's primary key, as for secret motions; open ballots keep who marked what
//! (`candidate_votes`), secret ones only unlinked marks (`candidate_marks`: random id, no
//! voter, no time; on SQLite `WITHOUT ROWID`, so rows sit in random key order).

use crate::helpers::fk;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Motions {
    Table,
    Id,
    Kind,
    Seats,
    Mode,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MotionCandidates {
    Table,
    MotionId,
    UserId,
    Position,
    ProposedBy,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum CandidateVotes {
    Table,
    MotionId,
    MemberId,
    CandidateId,
    Choice,
    CastBy,
}

fn choice() -> ColumnDef {
    ColumnDef::new(CandidateVotes::Choice)
        .string_len(8)
        .not_null()
        .check(Expr::col(CandidateVotes::Choice).is_in(["YES", "NO", "ABSTAIN"]))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Motions::Table)
                .add_column(
                    ColumnDef::new(Motions::Kind)
                        .string_len(10)
                        .not_null()
                        .default("MOTION"),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Motions::Table)
                .add_column(ColumnDef::new(Motions::Seats).integer().null())
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Motions::Table)
                .add_column(ColumnDef::new(Motions::Mode).string_len(14).null())
                .to_owned(),
        )
        .await?;
        use MotionCandidates as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(ColumnDef::new(C::MotionId).uuid().not_null())
                .col(ColumnDef::new(C::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(C::Position)
                        .integer()
                        .not_null()
                        .check(Expr::col(C::Position).gte(0)),
                )
                .col(ColumnDef::new(C::ProposedBy).uuid().not_null())
                .col(
                    ColumnDef::new(C::AcceptedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .primary_key(Index::create().col(C::MotionId).col(C::UserId))
                .foreign_key(
                    fk(
                        "fk_candidates_motion",
                        (C::Table, C::MotionId),
                        (Motions::Table, Motions::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    fk(
                        "fk_candidates_user",
                        (C::Table, C::UserId),
                        (Users::Table, Users::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_candidates_position")
                .table(C::Table)
                .col(C::MotionId)
                .col(C::Position)
                .unique()
                .to_owned(),
        )
        .await?;
        use CandidateVotes as V;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(ColumnDef::new(V::MotionId).uuid().not_null())
                .col(ColumnDef::new(V::MemberId).uuid().not_null())
                .col(ColumnDef::new(V::CandidateId).uuid().not_null())
                .col(choice())
                .col(ColumnDef::new(V::CastBy).uuid().not_null())
                .primary_key(
                    Index::create()
                        .col(V::MotionId)
                        .col(V::MemberId)
                        .col(V::CandidateId),
                )
                .foreign_key(
                    fk(
                        "fk_candidate_votes_motion",
                        (V::Table, V::MotionId),
                        (Motions::Table, Motions::Id),
                    )
                    .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        let (rowid, uuid) = match m.get_database_backend() {
            DbBackend::Sqlite => (" WITHOUT ROWID", "uuid_text"),
            _ => ("", "UUID"),
        };
        m.get_connection()
            .execute_unprepared(&format!(
                "CREATE TABLE candidate_marks (\
                 id VARCHAR(36) NOT NULL PRIMARY KEY, \
                 motion_id {uuid} NOT NULL REFERENCES motions (id) ON DELETE CASCADE, \
                 candidate_id {uuid} NOT NULL, \
                 choice VARCHAR(8) NOT NULL CHECK (choice IN ('YES', 'NO', 'ABSTAIN'))){rowid}"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP TABLE candidate_marks")
            .await?;
        m.drop_table(Table::drop().table(CandidateVotes::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(MotionCandidates::Table).to_owned())
            .await?;
        for c in [Motions::Mode, Motions::Seats, Motions::Kind] {
            m.alter_table(
                Table::alter()
                    .table(Motions::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
