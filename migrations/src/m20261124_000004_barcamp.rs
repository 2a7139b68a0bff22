//! The annual barcamp: editions, organisers, rooms, time slots, registrations, sessions with
//! hosts and interest, and the placement of sessions. What must never break is held here:
//! a room holds one session per slot (`barcamp_occupancy` primary key) and a host is in one
//! session per slot (`barcamp_host_busy` primary key).

use crate::helpers::{fk, text};
use sea_orm_migration::prelude::*;

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
enum BarcampEditions {
    Table,
    Id,
    Year,
    Title,
    StartsOn,
    EndsOn,
    Venue,
    Timezone,
    Phase,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BarcampOrganisers {
    Table,
    EditionId,
    UserId,
}

#[derive(DeriveIden)]
enum BarcampRooms {
    Table,
    Id,
    EditionId,
    Name,
    Capacity,
    Equipment,
}

#[derive(DeriveIden)]
enum BarcampSlots {
    Table,
    Id,
    EditionId,
    Day,
    StartsAt,
    EndsAt,
}

#[derive(DeriveIden)]
enum BarcampRegistrations {
    Table,
    EditionId,
    UserId,
    FeedToken,
    RegisteredAt,
}

#[derive(DeriveIden)]
enum BarcampSessions {
    Table,
    Id,
    EditionId,
    Title,
    Description,
    Format,
    Length,
    Equipment,
    LabId,
    ProposedBy,
    Status,
    StatusReason,
    MergedInto,
    RoomId,
    StartSlotId,
    Pinned,
    UnplacedReason,
    Revision,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BarcampHosts {
    Table,
    SessionId,
    UserId,
}

#[derive(DeriveIden)]
enum BarcampInterests {
    Table,
    SessionId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BarcampOccupancy {
    Table,
    SlotId,
    RoomId,
    SessionId,
}

#[derive(DeriveIden)]
enum BarcampHostBusy {
    Table,
    SlotId,
    UserId,
    SessionId,
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

fn index(
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
    unique: bool,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c);
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use BarcampEditions as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(uuid(E::Id).primary_key())
                .col(ColumnDef::new(E::Year).integer().not_null())
                .col(text(E::Title))
                .col(ColumnDef::new(E::StartsOn).date().not_null())
                .col(ColumnDef::new(E::EndsOn).date().not_null())
                .col(text(E::Venue))
                .col(ColumnDef::new(E::Timezone).string_len(64).not_null())
                .col(ColumnDef::new(E::Phase).string_len(16).not_null().check(
                    Expr::col(E::Phase).is_in(["PROPOSALS", "INTEREST", "SCHEDULING", "PUBLISHED"]),
                ))
                .col(uuid(E::CreatedBy))
                .col(at(E::CreatedAt))
                .check(Expr::col(E::EndsOn).gte(Expr::col(E::StartsOn)))
                .foreign_key(&mut fk(
                    "fk_editions_created_by",
                    (E::Table, E::CreatedBy),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_editions_year",
            E::Table,
            vec![E::Year.into_iden()],
            true,
        ))
        .await?;

        use BarcampOrganisers as O;
        m.create_table(
            Table::create()
                .table(O::Table)
                .col(uuid(O::EditionId))
                .col(uuid(O::UserId))
                .primary_key(Index::create().col(O::EditionId).col(O::UserId))
                .foreign_key(&mut fk(
                    "fk_organisers_edition",
                    (O::Table, O::EditionId),
                    (E::Table, E::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_organisers_user",
                    (O::Table, O::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;

        use BarcampRooms as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(uuid(R::Id).primary_key())
                .col(uuid(R::EditionId))
                .col(ColumnDef::new(R::Name).string_len(80).not_null())
                .col(ColumnDef::new(R::Capacity).integer().not_null())
                .col(text(R::Equipment))
                .check(Expr::col(R::Capacity).gt(0))
                .foreign_key(&mut fk(
                    "fk_rooms_edition",
                    (R::Table, R::EditionId),
                    (E::Table, E::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_rooms_edition_name",
            R::Table,
            vec![R::EditionId.into_iden(), R::Name.into_iden()],
            true,
        ))
        .await?;

        use BarcampSlots as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(uuid(S::Id).primary_key())
                .col(uuid(S::EditionId))
                .col(ColumnDef::new(S::Day).date().not_null())
                .col(at(S::StartsAt))
                .col(at(S::EndsAt))
                .check(Expr::col(S::EndsAt).gt(Expr::col(S::StartsAt)))
                .foreign_key(&mut fk(
                    "fk_slots_edition",
                    (S::Table, S::EditionId),
                    (E::Table, E::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_slots_edition_start",
            S::Table,
            vec![S::EditionId.into_iden(), S::StartsAt.into_iden()],
            true,
        ))
        .await?;

        use BarcampRegistrations as G;
        m.create_table(
            Table::create()
                .table(G::Table)
                .col(uuid(G::EditionId))
                .col(uuid(G::UserId))
                .col(ColumnDef::new(G::FeedToken).string_len(64).not_null())
                .col(at(G::RegisteredAt))
                .primary_key(Index::create().col(G::EditionId).col(G::UserId))
                .foreign_key(&mut fk(
                    "fk_registrations_edition",
                    (G::Table, G::EditionId),
                    (E::Table, E::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_registrations_user",
                    (G::Table, G::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_registrations_feed",
            G::Table,
            vec![G::FeedToken.into_iden()],
            true,
        ))
        .await?;

        use BarcampSessions as X;
        m.create_table(
            Table::create()
                .table(X::Table)
                .col(uuid(X::Id).primary_key())
                .col(uuid(X::EditionId))
                .col(ColumnDef::new(X::Title).string_len(200).not_null())
                .col(text(X::Description))
                .col(
                    ColumnDef::new(X::Format)
                        .string_len(16)
                        .not_null()
                        .check(Expr::col(X::Format).is_in(["TALK", "WORKSHOP", "DISCUSSION"])),
                )
                .col(ColumnDef::new(X::Length).integer().not_null())
                .col(text(X::Equipment))
                .col(ColumnDef::new(X::LabId).uuid().null())
                .col(uuid(X::ProposedBy))
                .col(ColumnDef::new(X::Status).string_len(16).not_null().check(
                    Expr::col(X::Status).is_in(["PROPOSED", "DECLINED", "MERGED", "CANCELLED"]),
                ))
                .col(ColumnDef::new(X::StatusReason).text().null())
                .col(ColumnDef::new(X::MergedInto).uuid().null())
                .col(ColumnDef::new(X::RoomId).uuid().null())
                .col(ColumnDef::new(X::StartSlotId).uuid().null())
                .col(
                    ColumnDef::new(X::Pinned)
                        .boolean()
                        .not_null()
                        .default(false),
                )
                .col(ColumnDef::new(X::UnplacedReason).string_len(32).null())
                .col(ColumnDef::new(X::Revision).integer().not_null().default(0))
                .col(at(X::CreatedAt))
                .col(at(X::UpdatedAt))
                .check(Expr::col(X::Length).between(1, 4))
                // Placed means a room and a first slot, never one without the other.
                .check(Expr::cust("(room_id IS NULL) = (start_slot_id IS NULL)"))
                // Only a merged session points at another, and a merged one always does.
                .check(Expr::cust("(merged_into IS NULL) = (status <> 'MERGED')"))
                .foreign_key(&mut fk(
                    "fk_sessions_edition",
                    (X::Table, X::EditionId),
                    (E::Table, E::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_sessions_lab",
                    (X::Table, X::LabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_sessions_proposed_by",
                    (X::Table, X::ProposedBy),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_sessions_merged_into",
                    (X::Table, X::MergedInto),
                    (X::Table, X::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_sessions_room",
                    (X::Table, X::RoomId),
                    (R::Table, R::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_sessions_start_slot",
                    (X::Table, X::StartSlotId),
                    (S::Table, S::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_sessions_edition",
            X::Table,
            vec![X::EditionId.into_iden(), X::Id.into_iden()],
            false,
        ))
        .await?;

        use BarcampHosts as H;
        m.create_table(
            Table::create()
                .table(H::Table)
                .col(uuid(H::SessionId))
                .col(uuid(H::UserId))
                .primary_key(Index::create().col(H::SessionId).col(H::UserId))
                .foreign_key(&mut fk(
                    "fk_hosts_session",
                    (H::Table, H::SessionId),
                    (X::Table, X::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_hosts_user",
                    (H::Table, H::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_hosts_user",
            H::Table,
            vec![H::UserId.into_iden()],
            false,
        ))
        .await?;

        use BarcampInterests as I;
        m.create_table(
            Table::create()
                .table(I::Table)
                .col(uuid(I::SessionId))
                .col(uuid(I::UserId))
                .col(at(I::CreatedAt))
                .primary_key(Index::create().col(I::SessionId).col(I::UserId))
                .foreign_key(&mut fk(
                    "fk_interests_session",
                    (I::Table, I::SessionId),
                    (X::Table, X::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_interests_user",
                    (I::Table, I::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_interests_user",
            I::Table,
            vec![I::UserId.into_iden()],
            false,
        ))
        .await?;

        // No two sessions in one room at once.
        use BarcampOccupancy as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(uuid(C::SlotId))
                .col(uuid(C::RoomId))
                .col(uuid(C::SessionId))
                .primary_key(Index::create().col(C::SlotId).col(C::RoomId))
                .foreign_key(&mut fk(
                    "fk_occupancy_slot",
                    (C::Table, C::SlotId),
                    (S::Table, S::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_occupancy_room",
                    (C::Table, C::RoomId),
                    (R::Table, R::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_occupancy_session",
                    (C::Table, C::SessionId),
                    (X::Table, X::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_occupancy_session",
            C::Table,
            vec![C::SessionId.into_iden()],
            false,
        ))
        .await?;

        // No host in two sessions at once.
        use BarcampHostBusy as B;
        m.create_table(
            Table::create()
                .table(B::Table)
                .col(uuid(B::SlotId))
                .col(uuid(B::UserId))
                .col(uuid(B::SessionId))
                .primary_key(Index::create().col(B::SlotId).col(B::UserId))
                .foreign_key(&mut fk(
                    "fk_host_busy_slot",
                    (B::Table, B::SlotId),
                    (S::Table, S::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_host_busy_user",
                    (B::Table, B::UserId),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_host_busy_session",
                    (B::Table, B::SessionId),
                    (X::Table, X::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_host_busy_session",
            B::Table,
            vec![B::SessionId.into_iden()],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            BarcampHostBusy::Table.into_iden(),
            BarcampOccupancy::Table.into_iden(),
            BarcampInterests::Table.into_iden(),
            BarcampHosts::Table.into_iden(),
            BarcampSessions::Table.into_iden(),
            BarcampRegistrations::Table.into_iden(),
            BarcampSlots::Table.into_iden(),
            BarcampRooms::Table.into_iden(),
            BarcampOrganisers::Table.into_iden(),
            BarcampEditions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
