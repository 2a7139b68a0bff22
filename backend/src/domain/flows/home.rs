//! A member's home: what waits for their action, what is coming, their Labs. It reads
//! across every context, so it sits in `flows`; a fixed number of statements whatever the
//! association's size (each list is bounded and read with one query).

use crate::domain::{labs, Actor, DomainResult, Env};
use crate::entities::{
    assembly, ballot_participation, barcamp_edition as edition, lab, lab_member, motion,
    notification, open_vote, proxy, resource_request,
};
use constellation_shared::dto::assemblies::{AssemblyStatus, MotionStatus, ProxyStatus};
use constellation_shared::dto::labs::{LabRole, LabStatus, MemberState};
use constellation_shared::ids::{AssemblyId, LabId, MotionId};
use constellation_shared::MembershipKind;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashSet;

/// How many of each list the home shows (the pages behind hold the rest).
const SHOWN: u64 = 20;

pub struct Home {
    /// Proxies asked of me, still to answer.
    pub proxies_to_answer: Vec<proxy::Model>,
    /// Motions open for voting, with whether my own vote is in (effective members).
    pub open_motions: Vec<(motion::Model, bool)>,
    /// Requests to join Labs I coordinate: (Lab, the request).
    pub join_requests: Vec<(lab::Model, lab_member::Model)>,
    /// Labs I coordinate that have not acknowledged the current common rules.
    pub rules_to_acknowledge: Vec<lab::Model>,
    /// Labs that invited me.
    pub lab_invitations: Vec<lab::Model>,
    /// The board's queues (board members and admins): Labs awaiting review, requests pending.
    pub board_queue: Option<(u64, u64)>,
    /// The next assembly convened or in session.
    pub next_assembly: Option<assembly::Model>,
    /// The barcamp edition under way or coming (not a draft, not over).
    pub barcamp: Option<edition::Model>,
    pub my_labs: Vec<lab::Model>,
    pub unread_notifications: u64,
}

pub async fn home(env: &Env, actor: &Actor) -> DomainResult<Home> {
    let me = actor.user()?;
    let db = &env.db;
    let now = chrono::Utc::now();

    let open_assemblies: Vec<assembly::Model> = assembly::Entity::find()
        .filter(assembly::Column::Status.ne(AssemblyStatus::Closed.as_str()))
        .order_by_asc(assembly::Column::StartsAt)
        .limit(SHOWN)
        .all(db)
        .await?;
    let open_ids: Vec<AssemblyId> = open_assemblies.iter().map(|a| a.id).collect();
    let proxies_to_answer = proxy::Entity::find()
        .filter(proxy::Column::HolderId.eq(me.id))
        .filter(proxy::Column::Status.eq(ProxyStatus::Pending.as_str()))
        .filter(proxy::Column::AssemblyId.is_in(open_ids.clone()))
        .limit(SHOWN)
        .all(db)
        .await?;

    let mut open_motions = Vec::new();
    if me.kind == MembershipKind::Effective {
        let in_session: Vec<AssemblyId> = open_assemblies
            .iter()
            .filter(|a| a.status == AssemblyStatus::InSession)
            .map(|a| a.id)
            .collect();
        let motions = motion::Entity::find()
            .filter(motion::Column::AssemblyId.is_in(in_session))
            .filter(motion::Column::Status.eq(MotionStatus::Open.as_str()))
            .limit(SHOWN)
            .all(db)
            .await?;
        let ids: Vec<MotionId> = motions.iter().map(|m| m.id).collect();
        let mut voted: HashSet<MotionId> = open_vote::Entity::find()
            .filter(open_vote::Column::MotionId.is_in(ids.clone()))
            .filter(open_vote::Column::MemberId.eq(me.id))
            .select_only()
            .column(open_vote::Column::MotionId)
            .into_tuple()
            .all(db)
            .await?
            .into_iter()
            .collect();
        voted.extend(
            ballot_participation::Entity::find()
                .filter(ballot_participation::Column::MotionId.is_in(ids))
                .filter(ballot_participation::Column::MemberId.eq(me.id))
                .select_only()
                .column(ballot_participation::Column::MotionId)
                .into_tuple::<MotionId>()
                .all(db)
                .await?,
        );
        open_motions = motions
            .into_iter()
            .map(|m| {
                let done = voted.contains(&m.id);
                (m, done)
            })
            .collect();
    }

    // My memberships, and the Labs behind them, in two statements.
    let mine = lab_member::Entity::find()
        .filter(lab_member::Column::UserId.eq(me.id))
        .all(db)
        .await?;
    let lab_ids: Vec<LabId> = mine.iter().map(|m| m.lab_id).collect();
    let my_lab_rows = lab::Entity::find()
        .filter(lab::Column::Id.is_in(lab_ids))
        .order_by_asc(lab::Column::Name)
        .all(db)
        .await?;
    let state_in = |l: &lab::Model, state: MemberState| {
        mine.iter().any(|m| m.lab_id == l.id && m.state == state)
    };
    let coordinated: Vec<&lab::Model> = my_lab_rows
        .iter()
        .filter(|l| {
            mine.iter().any(|m| {
                m.lab_id == l.id && m.state == MemberState::Active && m.role == LabRole::Coordinator
            })
        })
        .collect();
    let coordinated_ids: Vec<LabId> = coordinated.iter().map(|l| l.id).collect();
    let join_requests = lab_member::Entity::find()
        .filter(lab_member::Column::LabId.is_in(coordinated_ids))
        .filter(lab_member::Column::State.eq(MemberState::Requested.as_str()))
        .order_by_asc(lab_member::Column::Since)
        .limit(SHOWN)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| {
            my_lab_rows
                .iter()
                .find(|l| l.id == m.lab_id)
                .map(|l| (l.clone(), m))
        })
        .collect();
    let rules = labs::common_rules::current(db).await?.map(|r| r.version);
    let rules_to_acknowledge = coordinated
        .iter()
        .filter(|l| {
            l.status == LabStatus::Active && rules.is_some() && l.acknowledged_rules_version < rules
        })
        .map(|l| (*l).clone())
        .collect();
    let lab_invitations = my_lab_rows
        .iter()
        .filter(|l| state_in(l, MemberState::Invited))
        .cloned()
        .collect();
    let my_labs = my_lab_rows
        .iter()
        .filter(|l| state_in(l, MemberState::Active))
        .cloned()
        .collect();

    let board_queue = if me.is_board || me.is_admin {
        let labs_waiting = lab::Entity::find()
            .filter(lab::Column::PendingFramingVersion.is_not_null())
            .filter(
                lab::Column::Status
                    .is_in([LabStatus::Proposed.as_str(), LabStatus::Active.as_str()]),
            )
            .count(db)
            .await?;
        let requests = resource_request::Entity::find()
            .filter(resource_request::Column::Status.eq("PENDING"))
            .count(db)
            .await?;
        Some((labs_waiting, requests))
    } else {
        None
    };

    let next_assembly = open_assemblies
        .into_iter()
        .find(|a| a.status != AssemblyStatus::Draft);
    let barcamp = edition::Entity::find()
        .filter(edition::Column::Phase.ne("DRAFT"))
        .filter(edition::Column::EndsOn.gte(now.date_naive()))
        .order_by_asc(edition::Column::StartsOn)
        .one(db)
        .await?;
    let unread_notifications = notification::Entity::find()
        .filter(notification::Column::UserId.eq(me.id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?;
    Ok(Home {
        proxies_to_answer,
        open_motions,
        join_requests,
        rules_to_acknowledge,
        lab_invitations,
        board_queue,
        next_assembly,
        barcamp,
        my_labs,
        unread_notifications,
    })
}
