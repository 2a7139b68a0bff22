//! Common resources: pools, their periods (capacity and what is granted), requests from Labs,
//! and the ledger of grants and releases. No over-allocation is a CHECK on the period row,
//! and grants go through a conditional UPDATE of that row.

use crate::helpers::fk;
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
enum Projects {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ResourcePools {
    Table,
    Id,
    Name,
    Kind,
    Unit,
    Scale,
    Description,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PoolPeriods {
    Table,
    Id,
    PoolId,
    Label,
    StartsOn,
    EndsOn,
    Capacity,
    Granted,
}

#[derive(DeriveIden)]
enum ResourceRequests {
    Table,
    Id,
    LabId,
    ProjectId,
    PeriodId,
    Amount,
    Justification,
    Status,
    GrantedAmount,
    ReleasedAmount,
    DecisionReason,
    RequestedBy,
    DecidedBy,
    CreatedAt,
    UpdatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum LedgerEntries {
    Table,
    Id,
    PeriodId,
    RequestId,
    LabId,
    Kind,
    Amount,
    Reason,
    ActorId,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ResourcePools::Table)
                .col(
                    ColumnDef::new(ResourcePools::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(ResourcePools::Name)
                        .string_len(120)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ResourcePools::Kind)
                        .string_len(16)
                        .not_null()
                        .check(Expr::col(ResourcePools::Kind).is_in([
                            "MONEY",
                            "SERVER",
                            "ROOM",
                            "EQUIPMENT",
                            "SERVICE_HOURS",
                            "OTHER",
                        ])),
                )
                .col(
                    ColumnDef::new(ResourcePools::Unit)
                        .string_len(16)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ResourcePools::Scale)
                        .integer()
                        .not_null()
                        .check(Expr::col(ResourcePools::Scale).between(0, 3)),
                )
                .col(ColumnDef::new(ResourcePools::Description).text().not_null())
                .col(ColumnDef::new(ResourcePools::CreatedBy).uuid().not_null())
                .col(
                    ColumnDef::new(ResourcePools::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut fk(
                    "fk_pools_created_by",
                    (ResourcePools::Table, ResourcePools::CreatedBy),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_pools_name")
                .table(ResourcePools::Table)
                .col(ResourcePools::Name)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(PoolPeriods::Table)
                .col(
                    ColumnDef::new(PoolPeriods::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(PoolPeriods::PoolId).uuid().not_null())
                .col(ColumnDef::new(PoolPeriods::Label).string_len(40).not_null())
                .col(ColumnDef::new(PoolPeriods::StartsOn).date().not_null())
                .col(ColumnDef::new(PoolPeriods::EndsOn).date().not_null())
                .col(
                    ColumnDef::new(PoolPeriods::Capacity)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(PoolPeriods::Granted)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .check(Expr::col(PoolPeriods::Granted).gte(0))
                // The invariant of the whole feature, held by the database.
                .check(Expr::col(PoolPeriods::Granted).lte(Expr::col(PoolPeriods::Capacity)))
                .check(Expr::col(PoolPeriods::EndsOn).gte(Expr::col(PoolPeriods::StartsOn)))
                .foreign_key(&mut fk(
                    "fk_periods_pool",
                    (PoolPeriods::Table, PoolPeriods::PoolId),
                    (ResourcePools::Table, ResourcePools::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_periods_pool_label")
                .table(PoolPeriods::Table)
                .col(PoolPeriods::PoolId)
                .col(PoolPeriods::Label)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ResourceRequests::Table)
                .col(
                    ColumnDef::new(ResourceRequests::Id)
                        .uuid()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(ResourceRequests::LabId).uuid().not_null())
                .col(ColumnDef::new(ResourceRequests::ProjectId).uuid().null())
                .col(ColumnDef::new(ResourceRequests::PeriodId).uuid().not_null())
                .col(
                    ColumnDef::new(ResourceRequests::Amount)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ResourceRequests::Justification)
                        .text()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ResourceRequests::Status)
                        .string_len(20)
                        .not_null()
                        .check(Expr::col(ResourceRequests::Status).is_in([
                            "PENDING",
                            "APPROVED",
                            "PARTIALLY_APPROVED",
                            "REJECTED",
                            "WITHDRAWN",
                        ])),
                )
                .col(
                    ColumnDef::new(ResourceRequests::GrantedAmount)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .col(
                    ColumnDef::new(ResourceRequests::ReleasedAmount)
                        .big_integer()
                        .not_null()
                        .default(0),
                )
                .col(
                    ColumnDef::new(ResourceRequests::DecisionReason)
                        .text()
                        .null(),
                )
                .col(
                    ColumnDef::new(ResourceRequests::RequestedBy)
                        .uuid()
                        .not_null(),
                )
                .col(ColumnDef::new(ResourceRequests::DecidedBy).uuid().null())
                .col(
                    ColumnDef::new(ResourceRequests::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ResourceRequests::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ResourceRequests::DecidedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .check(Expr::col(ResourceRequests::Amount).gt(0))
                .check(Expr::col(ResourceRequests::GrantedAmount).gte(0))
                .check(
                    Expr::col(ResourceRequests::GrantedAmount)
                        .lte(Expr::col(ResourceRequests::Amount)),
                )
                .check(Expr::col(ResourceRequests::ReleasedAmount).gte(0))
                .check(
                    Expr::col(ResourceRequests::ReleasedAmount)
                        .lte(Expr::col(ResourceRequests::GrantedAmount)),
                )
                .foreign_key(&mut fk(
                    "fk_requests_lab",
                    (ResourceRequests::Table, ResourceRequests::LabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_requests_project",
                    (ResourceRequests::Table, ResourceRequests::ProjectId),
                    (Projects::Table, Projects::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_requests_period",
                    (ResourceRequests::Table, ResourceRequests::PeriodId),
                    (PoolPeriods::Table, PoolPeriods::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_requests_requested_by",
                    (ResourceRequests::Table, ResourceRequests::RequestedBy),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_requests_decided_by",
                    (ResourceRequests::Table, ResourceRequests::DecidedBy),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_requests_lab")
                .table(ResourceRequests::Table)
                .col(ResourceRequests::LabId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_requests_status_created")
                .table(ResourceRequests::Table)
                .col(ResourceRequests::Status)
                .col(ResourceRequests::CreatedAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LedgerEntries::Table)
                .col(
                    ColumnDef::new(LedgerEntries::Id)
                        .integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(ColumnDef::new(LedgerEntries::PeriodId).uuid().not_null())
                .col(ColumnDef::new(LedgerEntries::RequestId).uuid().not_null())
                .col(ColumnDef::new(LedgerEntries::LabId).uuid().not_null())
                .col(
                    ColumnDef::new(LedgerEntries::Kind)
                        .string_len(10)
                        .not_null()
                        .check(Expr::col(LedgerEntries::Kind).is_in(["GRANT", "RELEASE"])),
                )
                .col(
                    ColumnDef::new(LedgerEntries::Amount)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(LedgerEntries::Reason).text().not_null())
                .col(ColumnDef::new(LedgerEntries::ActorId).uuid().null())
                .col(
                    ColumnDef::new(LedgerEntries::At)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .check(Expr::col(LedgerEntries::Amount).gt(0))
                .foreign_key(&mut fk(
                    "fk_ledger_period",
                    (LedgerEntries::Table, LedgerEntries::PeriodId),
                    (PoolPeriods::Table, PoolPeriods::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_ledger_request",
                    (LedgerEntries::Table, LedgerEntries::RequestId),
                    (ResourceRequests::Table, ResourceRequests::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_ledger_lab",
                    (LedgerEntries::Table, LedgerEntries::LabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_ledger_actor",
                    (LedgerEntries::Table, LedgerEntries::ActorId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            LedgerEntries::Table.into_iden(),
            ResourceRequests::Table.into_iden(),
            PoolPeriods::Table.into_iden(),
            ResourcePools::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
