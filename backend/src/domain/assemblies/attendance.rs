//! General assemblies, part two (continued): attendance. A member checks in (or the chair
//! checks them in) once the session is open, which takes back a proxy they gave; who is in
//! the room; the chair's check-in list. Proxies themselves are in `proxies`, which re-exports
//! these under its own path.

use super::proxies::{given_by, live};
use crate::domain::assemblies::{self, lock, notices};
use crate::domain::reach::notify::{announce, Announced};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{attendance, proxy, user};
use chrono::Utc;
use constellation_shared::dto::assemblies::{AssemblyStatus, ProxyStatus};
use constellation_shared::dto::reach::NotificationKind;
use constellation_shared::ids::AssemblyId;
use constellation_shared::MembershipKind;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// Self check-in, or by the chair for someone in the room. A principal who checks in takes
/// their vote back: their proxy becomes `RECLAIMED`.
pub async fn check_in(
    env: &Env,
    actor: &Actor,
    assembly_id: AssemblyId,
    who: Option<Uuid>,
) -> DomainResult<AssemblyId> {
    let me = actor.user()?;
    let target = match who {
        Some(id) if id != me.id => {
            actor.board_or_admin()?;
            id
        }
        _ => me.id,
    };
    let person = user::Entity::find_by_id(target)
        .one(&env.db)
        .await?
        .filter(|u| u.deleted_at.is_none())
        .ok_or(DomainError::NotFound)?;
    if person.membership_kind != MembershipKind::Effective {
        return Err(if target == me.id {
            DomainError::Forbidden
        } else {
            DomainError::NotEligible
        });
    }
    let txn = env.begin_write().await?;
    let a = lock(&txn, assembly_id).await?;
    if a.status != AssemblyStatus::InSession {
        return Err(DomainError::InvalidTransition(
            "check-in happens in session",
        ));
    }
    if attendance::Entity::find_by_id((assembly_id, target))
        .one(&txn)
        .await?
        .is_some()
    {
        return Ok(assembly_id);
    }
    attendance::ActiveModel {
        assembly_id: Set(assembly_id),
        user_id: Set(target),
        checked_in_at: Set(Utc::now()),
        checked_in_by: Set(me.id),
    }
    .insert(&txn)
    .await?;
    let mut told = Announced::default();
    if let Some(p) = given_by(&txn, assembly_id, target).await?.filter(live) {
        let holder = p.holder_id;
        let was_accepted = p.status == ProxyStatus::Accepted;
        let mut am = p.into_active_model();
        am.status = Set(ProxyStatus::Reclaimed);
        am.updated_at = Set(Utc::now());
        let reclaimed = am.update(&txn).await?;
        if was_accepted {
            told = notices::proxy(
                &txn,
                env,
                NotificationKind::ProxyReclaimed,
                assembly_id,
                holder,
                "RECLAIMED",
                format!("assembly.proxy.reclaim:{}", reclaimed.id),
            )
            .await?;
        }
    }
    let entry = audit::record(
        &txn,
        Some(me.id),
        "assembly.check_in",
        "assembly",
        &assembly_id.to_string(),
        Value::Null,
        json!({ "member": target }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    announce(env, told);
    let _ = env.live.send(crate::domain::assemblies::votes::LiveSignal {
        assembly_id,
        motion_id: None,
        kind: "CHECK_IN",
    });
    Ok(assembly_id)
}

pub async fn present<C: ConnectionTrait>(
    conn: &C,
    assembly_id: AssemblyId,
) -> DomainResult<Vec<Uuid>> {
    Ok(attendance::Entity::find()
        .filter(attendance::Column::AssemblyId.eq(assembly_id))
        .select_only()
        .column(attendance::Column::UserId)
        .into_tuple()
        .all(conn)
        .await?)
}

/// The chair's check-in list: effective members by name, keyset on (name, id).
pub async fn attendance_page(
    env: &Env,
    actor: &Actor,
    assembly_id: AssemblyId,
    after: Option<(String, Uuid)>,
    limit: u64,
) -> DomainResult<Vec<(user::Model, bool, Option<Uuid>)>> {
    actor.board_or_admin()?;
    assemblies::find(&env.db, assembly_id).await?;
    let mut q = user::Entity::find()
        .filter(user::Column::MembershipKind.eq(MembershipKind::Effective.as_str()))
        .filter(user::Column::DeletedAt.is_null())
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id);
    if let Some((name, id)) = after {
        q = q.filter(
            sea_orm::Condition::any()
                .add(user::Column::DisplayName.gt(name.clone()))
                .add(
                    sea_orm::Condition::all()
                        .add(user::Column::DisplayName.eq(name))
                        .add(user::Column::Id.gt(id)),
                ),
        );
    }
    let people = q.limit(limit).all(&env.db).await?;
    let here = present(&env.db, assembly_id).await?;
    let proxies = proxy::Entity::find()
        .filter(proxy::Column::AssemblyId.eq(assembly_id))
        .filter(proxy::Column::Status.eq(ProxyStatus::Accepted.as_str()))
        .all(&env.db)
        .await?;
    Ok(people
        .into_iter()
        .map(|u| {
            let by = proxies
                .iter()
                .find(|p| p.principal_id == u.id)
                .map(|p| p.holder_id);
            let is_here = here.contains(&u.id);
            (u, is_here, by)
        })
        .collect())
}
