//! Paper and show-of-hands votes: for a motion, the counts the chair recorded in the room.
//! One row per motion (recording again replaces it while voting is open); the counts are
//! never negative.

use crate::helpers::{fk, text};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MotionRoomCounts {
    Table,
    MotionId,
    Yes,
    No,
    Abstain,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Motions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn count(col: MotionRoomCounts) -> ColumnDef {
    let col = col.into_iden();
    ColumnDef::new(col.clone())
        .integer()
        .not_null()
        .check(Expr::col(col).gte(0))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use MotionRoomCounts as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(ColumnDef::new(R::MotionId).uuid().not_null().primary_key())
                .col(count(R::Yes))
                .col(count(R::No))
                .col(count(R::Abstain))
                .col(text(R::Note))
                .col(ColumnDef::new(R::RecordedBy).uuid().not_null())
                .col(
                    ColumnDef::new(R::RecordedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut fk(
                    "fk_room_counts_motion",
                    (R::Table, R::MotionId),
                    (Motions::Table, Motions::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_room_counts_recorder",
                    (R::Table, R::RecordedBy),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(MotionRoomCounts::Table).to_owned())
            .await
    }
}
