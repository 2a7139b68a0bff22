//! Labs: common rules versions, Labs with versioned framings, members, decisions history,
//! projects and their supports.

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
enum CommonRules {
    Table,
    Version,
    Body,
    DecisionRef,
    AdoptedBy,
    AdoptedAt,
}

#[derive(DeriveIden)]
enum Labs {
    Table,
    Id,
    Slug,
    Name,
    Status,
    ApprovedFramingVersion,
    PendingFramingVersion,
    AcknowledgedRulesVersion,
    Visibility,
    ThemesKey,
    SearchText,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LabFramings {
    Table,
    LabId,
    Version,
    Status,
    Themes,
    Description,
    Objectives,
    ScopeIn,
    ScopeOut,
    ExpectedOutputs,
    StartDate,
    EndDate,
    MembershipPolicy,
    Participation,
    Visibility,
    ReviewComment,
    ProposedBy,
    ProposedAt,
}

#[derive(DeriveIden)]
enum LabMembers {
    Table,
    LabId,
    UserId,
    Role,
    State,
    Since,
}

#[derive(DeriveIden)]
enum LabEvents {
    Table,
    Id,
    LabId,
    Kind,
    ActorId,
    Comment,
    FramingVersion,
    At,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    LabId,
    Title,
    Description,
    Goals,
    ResourcesNeeded,
    Status,
    ProposedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProjectSupports {
    Table,
    ProjectId,
    UserId,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CommonRules::Table)
                .col(
                    ColumnDef::new(CommonRules::Version)
                        .integer()
                        .not_null()
                        .primary_key(),
                )
                .col(text(CommonRules::Body))
                .col(
                    ColumnDef::new(CommonRules::DecisionRef)
                        .string_len(500)
                        .not_null(),
                )
                .col(ColumnDef::new(CommonRules::AdoptedBy).uuid().null())
                .col(
                    ColumnDef::new(CommonRules::AdoptedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut fk(
                    "fk_rules_adopted_by",
                    (CommonRules::Table, CommonRules::AdoptedBy),
                    (Users::Table, Users::Id),
                ))
                .check(Expr::col(CommonRules::Version).gt(0))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Labs::Table)
                .col(ColumnDef::new(Labs::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Labs::Slug).string_len(48).not_null())
                .col(ColumnDef::new(Labs::Name).string_len(120).not_null())
                .col(
                    ColumnDef::new(Labs::Status)
                        .string_len(20)
                        .not_null()
                        .check(Expr::col(Labs::Status).is_in([
                            "PROPOSED",
                            "CHANGES_REQUESTED",
                            "ACTIVE",
                            "REJECTED",
                            "ARCHIVED",
                        ])),
                )
                .col(
                    ColumnDef::new(Labs::ApprovedFramingVersion)
                        .integer()
                        .null(),
                )
                .col(ColumnDef::new(Labs::PendingFramingVersion).integer().null())
                .col(
                    ColumnDef::new(Labs::AcknowledgedRulesVersion)
                        .integer()
                        .null(),
                )
                // Copied from the framing in force, so the directory filters in SQL.
                .col(
                    ColumnDef::new(Labs::Visibility)
                        .string_len(16)
                        .not_null()
                        .check(Expr::col(Labs::Visibility).is_in(["PUBLIC", "MEMBERS_ONLY"])),
                )
                .col(ColumnDef::new(Labs::ThemesKey).text().not_null())
                .col(ColumnDef::new(Labs::SearchText).text().not_null())
                .col(ColumnDef::new(Labs::CreatedBy).uuid().not_null())
                .col(
                    ColumnDef::new(Labs::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Labs::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut fk(
                    "fk_labs_created_by",
                    (Labs::Table, Labs::CreatedBy),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_labs_slug")
                .table(Labs::Table)
                .col(Labs::Slug)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LabFramings::Table)
                .col(ColumnDef::new(LabFramings::LabId).uuid().not_null())
                .col(ColumnDef::new(LabFramings::Version).integer().not_null())
                .col(
                    ColumnDef::new(LabFramings::Status)
                        .string_len(20)
                        .not_null()
                        .check(Expr::col(LabFramings::Status).is_in([
                            "PENDING",
                            "APPROVED",
                            "CHANGES_REQUESTED",
                            "REJECTED",
                            "SUPERSEDED",
                        ])),
                )
                .col(text(LabFramings::Themes))
                .col(text(LabFramings::Description))
                .col(text(LabFramings::Objectives))
                .col(text(LabFramings::ScopeIn))
                .col(text(LabFramings::ScopeOut))
                .col(text(LabFramings::ExpectedOutputs))
                .col(ColumnDef::new(LabFramings::StartDate).date().not_null())
                .col(ColumnDef::new(LabFramings::EndDate).date().not_null())
                .col(
                    ColumnDef::new(LabFramings::MembershipPolicy)
                        .string_len(16)
                        .not_null()
                        .check(Expr::col(LabFramings::MembershipPolicy).is_in([
                            "OPEN",
                            "ON_APPROVAL",
                            "INVITATION",
                        ])),
                )
                .col(text(LabFramings::Participation))
                .col(
                    ColumnDef::new(LabFramings::Visibility)
                        .string_len(16)
                        .not_null()
                        .check(
                            Expr::col(LabFramings::Visibility).is_in(["PUBLIC", "MEMBERS_ONLY"]),
                        ),
                )
                .col(ColumnDef::new(LabFramings::ReviewComment).text().null())
                .col(ColumnDef::new(LabFramings::ProposedBy).uuid().not_null())
                .col(
                    ColumnDef::new(LabFramings::ProposedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(
                    Index::create()
                        .col(LabFramings::LabId)
                        .col(LabFramings::Version),
                )
                .foreign_key(&mut fk(
                    "fk_framings_lab",
                    (LabFramings::Table, LabFramings::LabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_framings_proposed_by",
                    (LabFramings::Table, LabFramings::ProposedBy),
                    (Users::Table, Users::Id),
                ))
                .check(Expr::col(LabFramings::EndDate).gte(Expr::col(LabFramings::StartDate)))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LabMembers::Table)
                .col(ColumnDef::new(LabMembers::LabId).uuid().not_null())
                .col(ColumnDef::new(LabMembers::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(LabMembers::Role)
                        .string_len(16)
                        .not_null()
                        .check(Expr::col(LabMembers::Role).is_in(["COORDINATOR", "PARTICIPANT"])),
                )
                .col(
                    ColumnDef::new(LabMembers::State)
                        .string_len(16)
                        .not_null()
                        .check(Expr::col(LabMembers::State).is_in([
                            "ACTIVE",
                            "REQUESTED",
                            "INVITED",
                        ])),
                )
                .col(
                    ColumnDef::new(LabMembers::Since)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                // One row per person and Lab: joining twice is impossible, whatever the timing.
                .primary_key(
                    Index::create()
                        .col(LabMembers::LabId)
                        .col(LabMembers::UserId),
                )
                .foreign_key(&mut fk(
                    "fk_members_lab",
                    (LabMembers::Table, LabMembers::LabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_members_user",
                    (LabMembers::Table, LabMembers::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_lab_members_user")
                .table(LabMembers::Table)
                .col(LabMembers::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LabEvents::Table)
                .col(
                    ColumnDef::new(LabEvents::Id)
                        .integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(ColumnDef::new(LabEvents::LabId).uuid().not_null())
                .col(ColumnDef::new(LabEvents::Kind).string_len(40).not_null())
                .col(ColumnDef::new(LabEvents::ActorId).uuid().null())
                .col(ColumnDef::new(LabEvents::Comment).text().null())
                .col(ColumnDef::new(LabEvents::FramingVersion).integer().null())
                .col(
                    ColumnDef::new(LabEvents::At)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut fk(
                    "fk_events_lab",
                    (LabEvents::Table, LabEvents::LabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_events_actor",
                    (LabEvents::Table, LabEvents::ActorId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_lab_events_lab")
                .table(LabEvents::Table)
                .col(LabEvents::LabId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Projects::Table)
                .col(ColumnDef::new(Projects::Id).uuid().not_null().primary_key())
                .col(ColumnDef::new(Projects::LabId).uuid().not_null())
                .col(ColumnDef::new(Projects::Title).string_len(160).not_null())
                .col(text(Projects::Description))
                .col(text(Projects::Goals))
                .col(text(Projects::ResourcesNeeded))
                .col(
                    ColumnDef::new(Projects::Status)
                        .string_len(16)
                        .not_null()
                        .check(Expr::col(Projects::Status).is_in([
                            "PROPOSED",
                            "ACCEPTED",
                            "IN_PROGRESS",
                            "DONE",
                            "ABANDONED",
                        ])),
                )
                .col(ColumnDef::new(Projects::ProposedBy).uuid().not_null())
                .col(
                    ColumnDef::new(Projects::CreatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Projects::UpdatedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .foreign_key(&mut fk(
                    "fk_projects_lab",
                    (Projects::Table, Projects::LabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_projects_proposed_by",
                    (Projects::Table, Projects::ProposedBy),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_projects_lab")
                .table(Projects::Table)
                .col(Projects::LabId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ProjectSupports::Table)
                .col(ColumnDef::new(ProjectSupports::ProjectId).uuid().not_null())
                .col(ColumnDef::new(ProjectSupports::UserId).uuid().not_null())
                .col(
                    ColumnDef::new(ProjectSupports::At)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                // One support per person and project, held by the database.
                .primary_key(
                    Index::create()
                        .name("pk_project_supports")
                        .col(ProjectSupports::ProjectId)
                        .col(ProjectSupports::UserId),
                )
                .foreign_key(&mut fk(
                    "fk_supports_project",
                    (ProjectSupports::Table, ProjectSupports::ProjectId),
                    (Projects::Table, Projects::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_supports_user",
                    (ProjectSupports::Table, ProjectSupports::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ProjectSupports::Table.into_iden(),
            Projects::Table.into_iden(),
            LabEvents::Table.into_iden(),
            LabMembers::Table.into_iden(),
            LabFramings::Table.into_iden(),
            Labs::Table.into_iden(),
            CommonRules::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
