//! The transition of hosted services (the founding note, points 2.1 to 4): one plan with its
//! end-of-service date, the inventory of services with their holders, paths and statuses,
//! every status step, the data hand-over checklists, collective groups, the working group's
//! hosts, guides and support requests, volunteers' offers and the CHATONS interest poll.
//! The rules that matter are CHECKs: a service is `CLOSED` only once its hand-over is
//! confirmed or waived with a reason, is `PLANNED` or later only with a path, and an
//! internal service has no path; one poll answer per member is a primary key.

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
enum Motions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TransitionPlans {
    Table,
    Id,
    Singleton,
    Title,
    DecisionMotionId,
    DecisionNote,
    EndsOn,
    AtRiskDays,
    WorkingGroupLabId,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TransitionMilestones {
    Table,
    Id,
    PlanId,
    Label,
    DueOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TransitionGroups {
    Table,
    Id,
    Name,
    TargetHost,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TransitionGroupMembers {
    Table,
    GroupId,
    UserId,
    JoinedAt,
}

#[derive(DeriveIden)]
enum TransitionServices {
    Table,
    Id,
    Kind,
    Name,
    NameKey,
    Description,
    Address,
    Internal,
    Status,
    Path,
    TargetHost,
    GroupId,
    TakerUserId,
    TakerLabId,
    HandoverConfirmedAt,
    HandoverWaivedReason,
    HandoverWaivedBy,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TransitionHolders {
    Table,
    ServiceId,
    UserId,
}

#[derive(DeriveIden)]
enum TransitionStatusEvents {
    Table,
    Id,
    ServiceId,
    FromStatus,
    ToStatus,
    Path,
    Reason,
    ActorId,
    At,
}

#[derive(DeriveIden)]
enum TransitionHandoverItems {
    Table,
    Id,
    ServiceId,
    Item,
    HandedBy,
    HandedAt,
    ConfirmedBy,
    ConfirmedAt,
}

#[derive(DeriveIden)]
enum TransitionHosts {
    Table,
    Id,
    Name,
    Url,
    Kinds,
    Note,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TransitionGuides {
    Table,
    Id,
    Title,
    Body,
    AuthorId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TransitionSupportRequests {
    Table,
    Id,
    ServiceId,
    RequesterId,
    Subject,
    Body,
    Status,
    AssigneeId,
    Answer,
    AnsweredBy,
    AnsweredAt,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TransitionOffers {
    Table,
    Id,
    ServiceId,
    OfferedBy,
    LabId,
    Kind,
    Note,
    Status,
    DecisionReason,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TransitionPollAnswers {
    Table,
    UserId,
    AsClient,
    AsStakeholder,
    Comment,
    AnsweredAt,
}

const KINDS: [&str; 6] = [
    "WEBSITE",
    "MAILBOX",
    "MAIL_ALIAS",
    "MAILING_LIST",
    "DOMAIN",
    "OTHER",
];
const STATUSES: [&str; 5] = ["TO_PLAN", "PLANNED", "IN_PROGRESS", "MIGRATED", "CLOSED"];
const PATHS: [&str; 5] = [
    "INDIVIDUAL",
    "COLLECTIVE",
    "SOCIAL_ECONOMY",
    "TAKEN_OVER",
    "CLOSED",
];
const ITEMS: [&str; 8] = [
    "SITE_FILES",
    "DATABASE_DUMP",
    "MAILBOX_EXPORT",
    "LIST_SUBSCRIBERS",
    "LIST_ARCHIVES",
    "DOMAIN_TRANSFER_CODE",
    "ZONE_FILE",
    "OTHER_DATA",
];

fn uuid(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().not_null().to_owned()
}

fn uuid_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().null().to_owned()
}

fn at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn text_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).text().null().to_owned()
}

fn user_fk(name: &str, from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    fk(name, from, (Users::Table, Users::Id))
}

async fn unique(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
) -> Result<(), DbErr> {
    let mut idx = Index::create();
    idx.name(name).table(table).unique();
    for c in cols {
        idx.col(c);
    }
    m.create_index(idx.to_owned()).await
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    col: impl IntoIden,
) -> Result<(), DbErr> {
    m.create_index(Index::create().name(name).table(table).col(col).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use TransitionPlans as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::Id).primary_key())
                // One transition: the column is always 1 and unique.
                .col(
                    ColumnDef::new(P::Singleton)
                        .integer()
                        .not_null()
                        .default(1)
                        .check(Expr::col(P::Singleton).eq(1)),
                )
                .col(text(P::Title))
                .col(uuid_null(P::DecisionMotionId))
                .col(text(P::DecisionNote))
                .col(ColumnDef::new(P::EndsOn).date().not_null())
                .col(
                    ColumnDef::new(P::AtRiskDays)
                        .integer()
                        .not_null()
                        .check(Expr::col(P::AtRiskDays).between(1, 3650)),
                )
                .col(uuid(P::WorkingGroupLabId))
                .col(uuid(P::CreatedBy))
                .col(at(P::CreatedAt))
                .col(at(P::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_transition_plans_motion",
                    (P::Table, P::DecisionMotionId),
                    (Motions::Table, Motions::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_transition_plans_lab",
                    (P::Table, P::WorkingGroupLabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_plans_created_by",
                    (P::Table, P::CreatedBy),
                ))
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "uq_transition_plans_singleton",
            P::Table,
            vec![P::Singleton.into_iden()],
        )
        .await?;

        use TransitionMilestones as Mi;
        m.create_table(
            Table::create()
                .table(Mi::Table)
                .col(uuid(Mi::Id).primary_key())
                .col(uuid(Mi::PlanId))
                .col(text(Mi::Label))
                .col(ColumnDef::new(Mi::DueOn).date().not_null())
                .col(at(Mi::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_transition_milestones_plan",
                    (Mi::Table, Mi::PlanId),
                    (P::Table, P::Id),
                ))
                .to_owned(),
        )
        .await?;

        use TransitionGroups as G;
        m.create_table(
            Table::create()
                .table(G::Table)
                .col(uuid(G::Id).primary_key())
                .col(text(G::Name))
                .col(text(G::TargetHost))
                .col(uuid(G::CreatedBy))
                .col(at(G::CreatedAt))
                .foreign_key(&mut user_fk(
                    "fk_transition_groups_created_by",
                    (G::Table, G::CreatedBy),
                ))
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "uq_transition_groups_name",
            G::Table,
            vec![G::Name.into_iden()],
        )
        .await?;

        use TransitionGroupMembers as Gm;
        m.create_table(
            Table::create()
                .table(Gm::Table)
                .col(uuid(Gm::GroupId))
                .col(uuid(Gm::UserId))
                .col(at(Gm::JoinedAt))
                .primary_key(Index::create().col(Gm::GroupId).col(Gm::UserId))
                .foreign_key(&mut fk(
                    "fk_transition_group_members_group",
                    (Gm::Table, Gm::GroupId),
                    (G::Table, G::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_group_members_user",
                    (Gm::Table, Gm::UserId),
                ))
                .to_owned(),
        )
        .await?;

        use TransitionServices as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(uuid(S::Id).primary_key())
                .col(text(S::Kind).check(Expr::col(S::Kind).is_in(KINDS)))
                .col(text(S::Name))
                .col(text(S::NameKey))
                .col(text(S::Description))
                .col(text(S::Address))
                .col(ColumnDef::new(S::Internal).boolean().not_null())
                .col(text(S::Status).check(Expr::col(S::Status).is_in(STATUSES)))
                .col(text_null(S::Path).check(Expr::col(S::Path).is_in(PATHS)))
                .col(text(S::TargetHost))
                .col(uuid_null(S::GroupId))
                .col(uuid_null(S::TakerUserId))
                .col(uuid_null(S::TakerLabId))
                .col(at_null(S::HandoverConfirmedAt))
                .col(text_null(S::HandoverWaivedReason))
                .col(uuid_null(S::HandoverWaivedBy))
                .col(uuid(S::CreatedBy))
                .col(at(S::CreatedAt))
                .col(at(S::UpdatedAt))
                // Closed only once the member has their data, or the board waived it.
                .check(Expr::cust(
                    "status <> 'CLOSED' OR handover_confirmed_at IS NOT NULL \
                     OR handover_waived_reason IS NOT NULL",
                ))
                // Past TO_PLAN a service has a path.
                .check(Expr::cust("status = 'TO_PLAN' OR path IS NOT NULL"))
                // Internal services stay: no path, never moved.
                .check(Expr::cust(
                    "internal = FALSE OR (path IS NULL AND status = 'TO_PLAN')",
                ))
                .check(Expr::cust("group_id IS NULL OR path = 'COLLECTIVE'"))
                .check(Expr::cust(
                    "(taker_user_id IS NULL AND taker_lab_id IS NULL) OR path = 'TAKEN_OVER'",
                ))
                .foreign_key(&mut fk(
                    "fk_transition_services_group",
                    (S::Table, S::GroupId),
                    (G::Table, G::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_services_taker",
                    (S::Table, S::TakerUserId),
                ))
                .foreign_key(&mut fk(
                    "fk_transition_services_taker_lab",
                    (S::Table, S::TakerLabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_services_waived_by",
                    (S::Table, S::HandoverWaivedBy),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_services_created_by",
                    (S::Table, S::CreatedBy),
                ))
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "uq_transition_services_kind_name",
            S::Table,
            vec![S::Kind.into_iden(), S::NameKey.into_iden()],
        )
        .await?;
        index(m, "ix_transition_services_status", S::Table, S::Status).await?;

        use TransitionHolders as H;
        m.create_table(
            Table::create()
                .table(H::Table)
                .col(uuid(H::ServiceId))
                .col(uuid(H::UserId))
                .primary_key(Index::create().col(H::ServiceId).col(H::UserId))
                .foreign_key(&mut fk(
                    "fk_transition_holders_service",
                    (H::Table, H::ServiceId),
                    (S::Table, S::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_holders_user",
                    (H::Table, H::UserId),
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_transition_holders_user", H::Table, H::UserId).await?;

        use TransitionStatusEvents as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(
                    ColumnDef::new(E::Id)
                        .integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(uuid(E::ServiceId))
                .col(text_null(E::FromStatus).check(Expr::col(E::FromStatus).is_in(STATUSES)))
                .col(text(E::ToStatus).check(Expr::col(E::ToStatus).is_in(STATUSES)))
                .col(text_null(E::Path).check(Expr::col(E::Path).is_in(PATHS)))
                .col(text_null(E::Reason))
                .col(uuid_null(E::ActorId))
                .col(at(E::At))
                .foreign_key(&mut fk(
                    "fk_transition_events_service",
                    (E::Table, E::ServiceId),
                    (S::Table, S::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_events_actor",
                    (E::Table, E::ActorId),
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_transition_events_service", E::Table, E::ServiceId).await?;

        use TransitionHandoverItems as I;
        m.create_table(
            Table::create()
                .table(I::Table)
                .col(uuid(I::Id).primary_key())
                .col(uuid(I::ServiceId))
                .col(text(I::Item).check(Expr::col(I::Item).is_in(ITEMS)))
                .col(uuid_null(I::HandedBy))
                .col(at_null(I::HandedAt))
                .col(uuid_null(I::ConfirmedBy))
                .col(at_null(I::ConfirmedAt))
                // Confirmed only once handed over.
                .check(Expr::cust("confirmed_at IS NULL OR handed_at IS NOT NULL"))
                .foreign_key(&mut fk(
                    "fk_transition_items_service",
                    (I::Table, I::ServiceId),
                    (S::Table, S::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_items_handed_by",
                    (I::Table, I::HandedBy),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_items_confirmed_by",
                    (I::Table, I::ConfirmedBy),
                ))
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "uq_transition_items_service_item",
            I::Table,
            vec![I::ServiceId.into_iden(), I::Item.into_iden()],
        )
        .await?;

        use TransitionHosts as Ho;
        m.create_table(
            Table::create()
                .table(Ho::Table)
                .col(uuid(Ho::Id).primary_key())
                .col(text(Ho::Name))
                .col(text(Ho::Url))
                .col(text(Ho::Kinds))
                .col(text(Ho::Note))
                .col(uuid(Ho::CreatedBy))
                .col(at(Ho::CreatedAt))
                .col(at(Ho::UpdatedAt))
                .foreign_key(&mut user_fk(
                    "fk_transition_hosts_created_by",
                    (Ho::Table, Ho::CreatedBy),
                ))
                .to_owned(),
        )
        .await?;
        unique(
            m,
            "uq_transition_hosts_name",
            Ho::Table,
            vec![Ho::Name.into_iden()],
        )
        .await?;

        use TransitionGuides as Gu;
        m.create_table(
            Table::create()
                .table(Gu::Table)
                .col(uuid(Gu::Id).primary_key())
                .col(text(Gu::Title))
                .col(text(Gu::Body))
                .col(uuid(Gu::AuthorId))
                .col(at(Gu::CreatedAt))
                .col(at(Gu::UpdatedAt))
                .foreign_key(&mut user_fk(
                    "fk_transition_guides_author",
                    (Gu::Table, Gu::AuthorId),
                ))
                .to_owned(),
        )
        .await?;

        use TransitionSupportRequests as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(uuid(R::Id).primary_key())
                .col(uuid_null(R::ServiceId))
                .col(uuid(R::RequesterId))
                .col(text(R::Subject))
                .col(text(R::Body))
                .col(
                    text(R::Status).check(
                        Expr::col(R::Status).is_in(["OPEN", "ASSIGNED", "ANSWERED", "CLOSED"]),
                    ),
                )
                .col(uuid_null(R::AssigneeId))
                .col(text_null(R::Answer))
                .col(uuid_null(R::AnsweredBy))
                .col(at_null(R::AnsweredAt))
                .col(at_null(R::ClosedAt))
                .col(at(R::CreatedAt))
                .col(at(R::UpdatedAt))
                .check(Expr::cust(
                    "status NOT IN ('ASSIGNED') OR assignee_id IS NOT NULL",
                ))
                .check(Expr::cust("status <> 'ANSWERED' OR answer IS NOT NULL"))
                .foreign_key(&mut fk(
                    "fk_transition_support_service",
                    (R::Table, R::ServiceId),
                    (S::Table, S::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_support_requester",
                    (R::Table, R::RequesterId),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_support_assignee",
                    (R::Table, R::AssigneeId),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_support_answered_by",
                    (R::Table, R::AnsweredBy),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_transition_support_requester",
            R::Table,
            R::RequesterId,
        )
        .await?;

        use TransitionOffers as O;
        m.create_table(
            Table::create()
                .table(O::Table)
                .col(uuid(O::Id).primary_key())
                .col(uuid_null(O::ServiceId))
                .col(uuid(O::OfferedBy))
                .col(uuid_null(O::LabId))
                .col(text(O::Kind).check(Expr::col(O::Kind).is_in([
                    "TAKE_OVER_FULL",
                    "TAKE_OVER_PART",
                    "HELP",
                ])))
                .col(text(O::Note))
                .col(text(O::Status).check(Expr::col(O::Status).is_in([
                    "PENDING",
                    "ACCEPTED",
                    "DECLINED",
                    "WITHDRAWN",
                ])))
                .col(text_null(O::DecisionReason))
                .col(uuid_null(O::DecidedBy))
                .col(at_null(O::DecidedAt))
                .col(at(O::CreatedAt))
                // Taking over is of a service.
                .check(Expr::cust("kind = 'HELP' OR service_id IS NOT NULL"))
                .foreign_key(&mut fk(
                    "fk_transition_offers_service",
                    (O::Table, O::ServiceId),
                    (S::Table, S::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_offers_offered_by",
                    (O::Table, O::OfferedBy),
                ))
                .foreign_key(&mut fk(
                    "fk_transition_offers_lab",
                    (O::Table, O::LabId),
                    (Labs::Table, Labs::Id),
                ))
                .foreign_key(&mut user_fk(
                    "fk_transition_offers_decided_by",
                    (O::Table, O::DecidedBy),
                ))
                .to_owned(),
        )
        .await?;

        use TransitionPollAnswers as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                // One answer per member: the key.
                .col(uuid(A::UserId).primary_key())
                .col(ColumnDef::new(A::AsClient).boolean().not_null())
                .col(ColumnDef::new(A::AsStakeholder).boolean().not_null())
                .col(text(A::Comment))
                .col(at(A::AnsweredAt))
                .foreign_key(&mut user_fk(
                    "fk_transition_poll_user",
                    (A::Table, A::UserId),
                ))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            TransitionPollAnswers::Table.into_iden(),
            TransitionOffers::Table.into_iden(),
            TransitionSupportRequests::Table.into_iden(),
            TransitionGuides::Table.into_iden(),
            TransitionHosts::Table.into_iden(),
            TransitionHandoverItems::Table.into_iden(),
            TransitionStatusEvents::Table.into_iden(),
            TransitionHolders::Table.into_iden(),
            TransitionServices::Table.into_iden(),
            TransitionGroupMembers::Table.into_iden(),
            TransitionGroups::Table.into_iden(),
            TransitionMilestones::Table.into_iden(),
            TransitionPlans::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
