//! General assemblies: assemblies and their agenda, majority rules (the law's presets, as
//! editable data), motions, proxies, attendance, and votes. What must never break is held
//! here: one vote per member and motion (primary keys of `open_votes` and
//! `ballot_participations`), one proxy row per principal and assembly. Secret ballots sit in
//! `secret_ballots`, which has no voter, no time and no insertion order: a random primary key
//! and, on SQLite, `WITHOUT ROWID`, so rows are stored in key order, not arrival order.

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
enum Assemblies {
    Table,
    Id,
    Kind,
    Title,
    StartsAt,
    Place,
    Language,
    Status,
    FirstConvocationId,
    ConvenedAt,
    OpenedAt,
    ClosedAt,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
    Id,
    AssemblyId,
    Number,
    SortKey,
    Title,
    Body,
    Documents,
    Statutory,
}

#[derive(DeriveIden)]
enum MajorityRules {
    Table,
    Code,
    NameFr,
    NameEn,
    QuorumNum,
    QuorumDen,
    MajorityNum,
    MajorityDen,
    Strict,
}

#[derive(DeriveIden)]
enum Motions {
    Table,
    Id,
    AssemblyId,
    ItemId,
    Text,
    RuleCode,
    Ballot,
    Status,
    OpenedAt,
    ClosedAt,
    Result,
}

#[derive(DeriveIden)]
enum Proxies {
    Table,
    Id,
    AssemblyId,
    PrincipalId,
    HolderId,
    Status,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    AssemblyId,
    UserId,
    CheckedInAt,
    CheckedInBy,
}

#[derive(DeriveIden)]
enum OpenVotes {
    Table,
    MotionId,
    MemberId,
    CastBy,
    Choice,
    CastAt,
}

#[derive(DeriveIden)]
enum BallotParticipations {
    Table,
    MotionId,
    MemberId,
    CastBy,
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

fn choice(col: impl IntoIden) -> ColumnDef {
    let col = col.into_iden();
    ColumnDef::new(col.clone())
        .string_len(8)
        .not_null()
        .check(Expr::col(col).is_in(["YES", "NO", "ABSTAIN"]))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Assemblies as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(uuid(A::Id).primary_key())
                .col(
                    ColumnDef::new(A::Kind)
                        .string_len(16)
                        .not_null()
                        .check(Expr::col(A::Kind).is_in(["ORDINARY", "EXTRAORDINARY"])),
                )
                .col(text(A::Title))
                .col(at(A::StartsAt, false))
                .col(text(A::Place))
                .col(ColumnDef::new(A::Language).string_len(2).not_null())
                .col(ColumnDef::new(A::Status).string_len(16).not_null().check(
                    Expr::col(A::Status).is_in(["DRAFT", "CONVENED", "IN_SESSION", "CLOSED"]),
                ))
                .col(ColumnDef::new(A::FirstConvocationId).uuid().null())
                .col(at(A::ConvenedAt, true))
                .col(at(A::OpenedAt, true))
                .col(at(A::ClosedAt, true))
                .col(uuid(A::CreatedBy))
                .col(at(A::CreatedAt, false))
                .foreign_key(&mut fk(
                    "fk_assemblies_first",
                    (A::Table, A::FirstConvocationId),
                    (A::Table, A::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_assemblies_created_by",
                    (A::Table, A::CreatedBy),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;

        use AgendaItems as I;
        m.create_table(
            Table::create()
                .table(I::Table)
                .col(uuid(I::Id).primary_key())
                .col(uuid(I::AssemblyId))
                .col(ColumnDef::new(I::Number).string_len(16).not_null())
                .col(ColumnDef::new(I::SortKey).string_len(64).not_null())
                .col(text(I::Title))
                .col(text(I::Body))
                .col(text(I::Documents))
                .col(
                    ColumnDef::new(I::Statutory)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .foreign_key(&mut fk(
                    "fk_items_assembly",
                    (I::Table, I::AssemblyId),
                    (A::Table, A::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_items_assembly_number")
                .table(I::Table)
                .col(I::AssemblyId)
                .col(I::Number)
                .unique()
                .to_owned(),
        )
        .await?;

        use MajorityRules as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(
                    ColumnDef::new(R::Code)
                        .string_len(16)
                        .not_null()
                        .primary_key(),
                )
                .col(text(R::NameFr))
                .col(text(R::NameEn))
                .col(ColumnDef::new(R::QuorumNum).integer().not_null())
                .col(ColumnDef::new(R::QuorumDen).integer().not_null())
                .col(ColumnDef::new(R::MajorityNum).integer().not_null())
                .col(ColumnDef::new(R::MajorityDen).integer().not_null())
                .col(ColumnDef::new(R::Strict).boolean().not_null())
                .check(Expr::col(R::MajorityDen).gt(0))
                .check(Expr::col(R::QuorumDen).gte(0))
                .to_owned(),
        )
        .await?;
        let mut insert = Query::insert();
        insert.into_table(R::Table).columns([
            R::Code,
            R::NameFr,
            R::NameEn,
            R::QuorumNum,
            R::QuorumDen,
            R::MajorityNum,
            R::MajorityDen,
            R::Strict,
        ]);
        for (code, fr, en, qn, qd, mn, md, strict) in [
            (
                "SIMPLE",
                "Majorité simple",
                "Simple majority",
                0,
                0,
                1,
                2,
                true,
            ),
            (
                "STATUTES",
                "Modification des statuts",
                "Change of the statutes",
                2,
                3,
                2,
                3,
                false,
            ),
            (
                "PURPOSE",
                "Modification de l'objet",
                "Change of the purpose",
                2,
                3,
                4,
                5,
                false,
            ),
            (
                "DISSOLUTION",
                "Dissolution",
                "Dissolution",
                2,
                3,
                4,
                5,
                false,
            ),
            (
                "EXCLUSION",
                "Exclusion d'un membre",
                "Exclusion of a member",
                0,
                0,
                2,
                3,
                false,
            ),
        ] {
            insert.values_panic([
                code.into(),
                fr.into(),
                en.into(),
                qn.into(),
                qd.into(),
                mn.into(),
                md.into(),
                strict.into(),
            ]);
        }
        m.exec_stmt(insert).await?;

        use Motions as M;
        m.create_table(
            Table::create()
                .table(M::Table)
                .col(uuid(M::Id).primary_key())
                .col(uuid(M::AssemblyId))
                .col(uuid(M::ItemId))
                .col(text(M::Text))
                .col(ColumnDef::new(M::RuleCode).string_len(16).not_null())
                .col(
                    ColumnDef::new(M::Ballot)
                        .string_len(8)
                        .not_null()
                        .check(Expr::col(M::Ballot).is_in(["OPEN", "SECRET"])),
                )
                .col(
                    ColumnDef::new(M::Status)
                        .string_len(8)
                        .not_null()
                        .check(Expr::col(M::Status).is_in(["DRAFT", "OPEN", "CLOSED"])),
                )
                .col(at(M::OpenedAt, true))
                .col(at(M::ClosedAt, true))
                .col(ColumnDef::new(M::Result).text().null())
                .foreign_key(&mut fk(
                    "fk_motions_assembly",
                    (M::Table, M::AssemblyId),
                    (A::Table, A::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_motions_item",
                    (M::Table, M::ItemId),
                    (I::Table, I::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_motions_rule",
                    (M::Table, M::RuleCode),
                    (R::Table, R::Code),
                ))
                .to_owned(),
        )
        .await?;

        use Proxies as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::Id).primary_key())
                .col(uuid(P::AssemblyId))
                .col(uuid(P::PrincipalId))
                .col(uuid(P::HolderId))
                .col(ColumnDef::new(P::Status).string_len(10).not_null().check(
                    Expr::col(P::Status).is_in([
                        "PENDING",
                        "ACCEPTED",
                        "DECLINED",
                        "REVOKED",
                        "RECLAIMED",
                    ]),
                ))
                .col(at(P::UpdatedAt, false))
                .check(Expr::col(P::PrincipalId).ne(Expr::col(P::HolderId)))
                .foreign_key(&mut fk(
                    "fk_proxies_assembly",
                    (P::Table, P::AssemblyId),
                    (A::Table, A::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_proxies_principal",
                    (P::Table, P::PrincipalId),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_proxies_holder",
                    (P::Table, P::HolderId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_proxies_principal")
                .table(P::Table)
                .col(P::AssemblyId)
                .col(P::PrincipalId)
                .unique()
                .to_owned(),
        )
        .await?;

        use Attendance as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(uuid(T::AssemblyId))
                .col(uuid(T::UserId))
                .col(at(T::CheckedInAt, false))
                .col(uuid(T::CheckedInBy))
                .primary_key(Index::create().col(T::AssemblyId).col(T::UserId))
                .foreign_key(&mut fk(
                    "fk_attendance_assembly",
                    (T::Table, T::AssemblyId),
                    (A::Table, A::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_attendance_user",
                    (T::Table, T::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;

        // One open vote per member and motion.
        use OpenVotes as V;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(uuid(V::MotionId))
                .col(uuid(V::MemberId))
                .col(uuid(V::CastBy))
                .col(choice(V::Choice))
                .col(at(V::CastAt, false))
                .primary_key(Index::create().col(V::MotionId).col(V::MemberId))
                .foreign_key(&mut fk(
                    "fk_open_votes_motion",
                    (V::Table, V::MotionId),
                    (M::Table, M::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_open_votes_member",
                    (V::Table, V::MemberId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;

        // That a member took part in a secret ballot (once), never what they chose.
        use BallotParticipations as B;
        m.create_table(
            Table::create()
                .table(B::Table)
                .col(uuid(B::MotionId))
                .col(uuid(B::MemberId))
                .col(uuid(B::CastBy))
                .primary_key(Index::create().col(B::MotionId).col(B::MemberId))
                .foreign_key(&mut fk(
                    "fk_participations_motion",
                    (B::Table, B::MotionId),
                    (M::Table, M::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_participations_member",
                    (B::Table, B::MemberId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;

        // The ballot box: no voter, no time, no arrival order.
        let rowid = match m.get_database_backend() {
            DbBackend::Sqlite => " WITHOUT ROWID",
            _ => "",
        };
        m.get_connection()
            .execute_unprepared(&format!(
                "CREATE TABLE secret_ballots (\
                 id VARCHAR(36) NOT NULL PRIMARY KEY, \
                 motion_id {uuid} NOT NULL REFERENCES motions (id), \
                 choice VARCHAR(8) NOT NULL CHECK (choice IN ('YES', 'NO', 'ABSTAIN')), \
                 receipt VARCHAR(32) NOT NULL UNIQUE){rowid}",
                uuid = match m.get_database_backend() {
                    DbBackend::Postgres => "UUID",
                    _ => "uuid_text",
                }
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DROP TABLE secret_ballots")
            .await?;
        for t in [
            BallotParticipations::Table.into_iden(),
            OpenVotes::Table.into_iden(),
            Attendance::Table.into_iden(),
            Proxies::Table.into_iden(),
            Motions::Table.into_iden(),
            MajorityRules::Table.into_iden(),
            AgendaItems::Table.into_iden(),
            Assemblies::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
