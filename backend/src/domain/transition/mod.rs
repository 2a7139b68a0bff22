//! The transition of hosted services (the founding note, points 2.1 to 4): one plan with its
//! end-of-service date and the working group's Lab (`plan`), the inventory and its CSV
//! import (`inventory`, `import`), paths and statuses with every step recorded (`progress`),
//! the data hand-over checklists (`handover`), the working group's hosts, guides and support
//! requests (`group`, `support`), volunteers' offers (`offers`), the CHATONS interest poll
//! (`poll`), the dashboard (`dashboard`), notices (`notices`), the deadline's reminders
//! (`deadline`) and the member's data (`privacy`).
//!
//! Who may: the board edits the inventory and the plan; a holder chooses their own services'
//! path and confirms their hand-overs; the working group (active members of its Lab) ticks
//! hand-overs and answers support requests.

pub mod dashboard;
pub mod deadline;
pub mod group;
pub mod handover;
pub mod import;
pub mod inventory;
pub mod notices;
pub mod offers;
pub mod plan;
pub mod poll;
pub mod privacy;
pub mod progress;
pub mod support;

use crate::domain::labs::{is_active, membership};
use crate::domain::{Actor, CurrentUser, DomainError, DomainResult};
use crate::entities::{transition_holder, transition_plan, transition_service};
use constellation_shared::dto::transition::MigrationPath;
use constellation_shared::ids::ServiceId;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

pub fn path_of(s: &transition_service::Model) -> Option<MigrationPath> {
    s.path
}

pub use crate::domain::core::parse::id as parse_id;

pub use crate::domain::core::parse::opt_id;

/// The plan, if the board has set it up.
pub async fn current_plan<C: ConnectionTrait>(
    conn: &C,
) -> DomainResult<Option<transition_plan::Model>> {
    Ok(transition_plan::Entity::find().one(conn).await?)
}

/// The plan, or `NOT_FOUND` when there is none yet.
pub async fn require_plan<C: ConnectionTrait>(conn: &C) -> DomainResult<transition_plan::Model> {
    current_plan(conn).await?.ok_or(DomainError::NotFound)
}

/// An active member of the working group's Lab.
pub async fn in_working_group<C: ConnectionTrait>(conn: &C, user_id: Uuid) -> DomainResult<bool> {
    match current_plan(conn).await? {
        Some(p) => Ok(is_active(
            membership(conn, p.working_group_lab_id, user_id)
                .await?
                .as_ref(),
        )),
        None => Ok(false),
    }
}

/// The working group or the board (and admins).
pub async fn working_group_or_board<'a, C: ConnectionTrait>(
    conn: &C,
    actor: &'a Actor,
) -> DomainResult<&'a CurrentUser> {
    let me = actor.user()?;
    if me.is_board || me.is_admin || in_working_group(conn, me.id).await? {
        Ok(me)
    } else {
        Err(DomainError::Forbidden)
    }
}

pub async fn holders_of<C: ConnectionTrait>(
    conn: &C,
    service_id: ServiceId,
) -> DomainResult<Vec<Uuid>> {
    Ok(transition_holder::Entity::find()
        .filter(transition_holder::Column::ServiceId.eq(service_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|h| h.user_id)
        .collect())
}

pub async fn is_holder<C: ConnectionTrait>(
    conn: &C,
    service_id: ServiceId,
    user_id: Uuid,
) -> DomainResult<bool> {
    Ok(transition_holder::Entity::find_by_id((service_id, user_id))
        .one(conn)
        .await?
        .is_some())
}

pub async fn find_service<C: ConnectionTrait>(
    conn: &C,
    id: ServiceId,
) -> DomainResult<transition_service::Model> {
    transition_service::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The service if the actor may see it: its holders, the working group, the board. Others
/// get `NOT_FOUND` (a member's services are nobody else's business).
pub async fn find_visible<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: ServiceId,
) -> DomainResult<transition_service::Model> {
    let me = actor.user()?;
    let s = find_service(conn, id).await?;
    if me.is_board
        || me.is_admin
        || is_holder(conn, id, me.id).await?
        || in_working_group(conn, me.id).await?
    {
        Ok(s)
    } else {
        Err(DomainError::NotFound)
    }
}

/// Days from `today` to the end of service (negative once passed).
pub fn days_left(plan: &transition_plan::Model, today: chrono::NaiveDate) -> i64 {
    (plan.ends_on - today).num_days()
}

pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
