//! Polls outside assemblies: the poll (its options as a JSON array, its audience — the
//! association's members or one Lab's — and its closing date), open answers (one per person
//! and poll: the primary key), and for anonymous polls two tables that share nothing: who
//! took part (one row per person and poll, the primary key) and the answers (a random id, the
//! poll, the choice: no person, no time; on SQLite `WITHOUT ROWID`, so rows sit in key order,
//! not arrival order).

use crate::helpers::{fk, text};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Labs {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Polls {
    Table,
    Id,
    Title,
    Description,
    Kind,
    Visibility,
    Audience,
    LabId,
    Options,
    AuthorId,
    ClosesAt,
    ClosedEarly,
    Sealed,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PollAnswers {
    Table,
    PollId,
    UserId,
    Choice,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum PollParticipations {
    Table,
    PollId,
    UserId,
}

fn uuid(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().not_null().to_owned()
}

fn at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn flag(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .boolean()
        .not_null()
        .default(false)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Polls as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::Id).primary_key())
                .col(text(P::Title))
                .col(text(P::Description))
                .col(
                    text(P::Kind).check(Expr::col(P::Kind).is_in(["SINGLE", "APPROVAL", "RANKED"])),
                )
                .col(
                    text(P::Visibility)
                        .check(Expr::col(P::Visibility).is_in(["OPEN", "ANONYMOUS"])),
                )
                .col(text(P::Audience).check(Expr::col(P::Audience).is_in(["MEMBERS", "LAB"])))
                .col(ColumnDef::new(P::LabId).uuid().null())
                .col(text(P::Options))
                .col(uuid(P::AuthorId))
                .col(at(P::ClosesAt))
                .col(flag(P::ClosedEarly))
                .col(flag(P::Sealed))
                .col(at(P::CreatedAt))
                // A Lab's poll names its Lab; the association's names none.
                .check(Expr::cust(
                    "(audience = 'LAB' AND lab_id IS NOT NULL) \
                     OR (audience = 'MEMBERS' AND lab_id IS NULL)",
                ))
                .foreign_key(&mut fk(
                    "fk_polls_lab",
                    (P::Table, P::LabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_polls_author",
                    (P::Table, P::AuthorId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_polls_closes_at")
                .table(P::Table)
                .col(P::ClosesAt)
                .col(P::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_polls_lab")
                .table(P::Table)
                .col(P::LabId)
                .to_owned(),
        )
        .await?;

        // Open polls: who answered what, one row per person and poll, changed in place.
        use PollAnswers as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(uuid(A::PollId))
                .col(uuid(A::UserId))
                .col(text(A::Choice))
                .col(at(A::AnsweredAt))
                .primary_key(Index::create().col(A::PollId).col(A::UserId))
                .foreign_key(&mut fk(
                    "fk_poll_answers_poll",
                    (A::Table, A::PollId),
                    (P::Table, P::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_poll_answers_user",
                    (A::Table, A::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;

        // Anonymous polls: that a person took part (once), never what they chose.
        use PollParticipations as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(uuid(T::PollId))
                .col(uuid(T::UserId))
                .primary_key(Index::create().col(T::PollId).col(T::UserId))
                .foreign_key(&mut fk(
                    "fk_poll_participations_poll",
                    (T::Table, T::PollId),
                    (P::Table, P::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_poll_participations_user",
                    (T::Table, T::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;

        // The anonymous answers: no person, no time, no arrival order (SQLite).
        let backend = m.get_database_backend();
        let (uuid_type, rowid) = match backend {
            DbBackend::Postgres => ("UUID", ""),
            _ => ("uuid_text", " WITHOUT ROWID"),
        };
        m.get_connection()
            .execute_unprepared(&format!(
                "CREATE TABLE poll_ballots (\
                 id VARCHAR(36) NOT NULL PRIMARY KEY, \
                 poll_id {uuid_type} NOT NULL REFERENCES polls (id), \
                 choice TEXT NOT NULL){rowid}"
            ))
            .await?;
        m.get_connection()
            .execute_unprepared("CREATE INDEX ix_poll_ballots_poll ON poll_ballots (poll_id)")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP TABLE poll_ballots")
            .await?;
        for t in [
            PollParticipations::Table.into_iden(),
            PollAnswers::Table.into_iden(),
            Polls::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
