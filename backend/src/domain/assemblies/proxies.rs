//! General assemblies, part two: proxies and attendance. An effective member gives a proxy
//! to another for one assembly; the holder accepts (within the statutes' cap) or declines;
//! the principal revokes until the session opens, or takes the vote back by checking in.
//! Attendance (checking in, who is present, the chair's list) is in `attendance`, re-exported
//! here so its paths stay `proxies::check_in`, `proxies::present`, `proxies::attendance_page`.

use crate::domain::assemblies::{is_effective, lock, notices};
use crate::domain::reach::notify::announce;
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{proxy, user};
use chrono::Utc;
use constellation_shared::dto::assemblies::{AssemblyStatus, ProxyStatus};
use constellation_shared::dto::reach::NotificationKind;
use constellation_shared::ids::{AssemblyId, ProxyId};
use constellation_shared::{MembershipKind, ValidationReason};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

pub use super::attendance::{attendance_page, check_in, present};

pub(super) fn live(p: &proxy::Model) -> bool {
    matches!(p.status, ProxyStatus::Pending | ProxyStatus::Accepted)
}

async fn effective_by_email<C: ConnectionTrait>(
    conn: &C,
    email: &str,
) -> DomainResult<user::Model> {
    user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email.trim().to_lowercase()))
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::MembershipKind.eq(MembershipKind::Effective.as_str()))
        .one(conn)
        .await?
        .ok_or(DomainError::invalid(
            "holderEmail",
            ValidationReason::Invalid,
        ))
}

pub async fn given_by<C: ConnectionTrait>(
    conn: &C,
    assembly_id: AssemblyId,
    principal: Uuid,
) -> DomainResult<Option<proxy::Model>> {
    Ok(proxy::Entity::find()
        .filter(proxy::Column::AssemblyId.eq(assembly_id))
        .filter(proxy::Column::PrincipalId.eq(principal))
        .one(conn)
        .await?)
}

pub async fn held_by<C: ConnectionTrait>(
    conn: &C,
    assembly_id: AssemblyId,
    holder: Uuid,
) -> DomainResult<Vec<proxy::Model>> {
    Ok(proxy::Entity::find()
        .filter(proxy::Column::AssemblyId.eq(assembly_id))
        .filter(proxy::Column::HolderId.eq(holder))
        .order_by_asc(proxy::Column::UpdatedAt)
        .all(conn)
        .await?)
}

fn before_session(status: AssemblyStatus) -> DomainResult<()> {
    match status {
        AssemblyStatus::Draft | AssemblyStatus::Convened => Ok(()),
        _ => Err(DomainError::InvalidTransition(
            "proxies are settled before the session",
        )),
    }
}

pub async fn give(
    env: &Env,
    actor: &Actor,
    assembly_id: AssemblyId,
    holder_email: &str,
) -> DomainResult<AssemblyId> {
    let me = actor.user()?;
    if !is_effective(me) {
        return Err(DomainError::Forbidden);
    }
    let txn = env.begin_write().await?;
    let a = lock(&txn, assembly_id).await?;
    before_session(a.status)?;
    let holder = effective_by_email(&txn, holder_email).await?;
    if holder.id == me.id {
        return Err(DomainError::invalid(
            "holderEmail",
            ValidationReason::Invalid,
        ));
    }
    // No chains: a holder who gave their own vote away cannot carry others'.
    if given_by(&txn, assembly_id, holder.id)
        .await?
        .is_some_and(|p| live(&p))
    {
        return Err(DomainError::invalid(
            "holderEmail",
            ValidationReason::Invalid,
        ));
    }
    if held_by(&txn, assembly_id, me.id).await?.iter().any(live) {
        return Err(DomainError::Conflict("holds proxies"));
    }
    let now = Utc::now();
    let id = match given_by(&txn, assembly_id, me.id).await? {
        Some(p) if live(&p) => return Err(DomainError::Conflict("a proxy is already given")),
        Some(p) => {
            let id = p.id;
            let mut am = p.into_active_model();
            am.holder_id = Set(holder.id);
            am.status = Set(ProxyStatus::Pending);
            am.updated_at = Set(now);
            am.update(&txn).await?;
            id
        }
        None => {
            proxy::ActiveModel {
                id: Set(ProxyId::new_v4()),
                assembly_id: Set(assembly_id),
                principal_id: Set(me.id),
                holder_id: Set(holder.id),
                status: Set(ProxyStatus::Pending),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    let entry = audit::record(
        &txn,
        Some(me.id),
        "assembly.proxy.give",
        "proxy",
        &id.to_string(),
        Value::Null,
        json!({ "assemblyId": assembly_id, "holder": holder.id }),
    )
    .await?;
    let told = notices::proxy(
        &txn,
        env,
        NotificationKind::ProxyAsked,
        assembly_id,
        holder.id,
        "PENDING",
        format!("assembly.proxy.give:{}", entry.id),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    announce(env, told);
    Ok(assembly_id)
}

/// The holder accepts (refused beyond the cap) or declines.
pub async fn answer(
    env: &Env,
    actor: &Actor,
    proxy_id: ProxyId,
    accept: bool,
) -> DomainResult<AssemblyId> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let p = proxy::Entity::find_by_id(proxy_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if p.holder_id != me.id {
        return Err(DomainError::Forbidden);
    }
    // The assembly row lock serialises acceptances, so two at once cannot both pass the cap.
    let a = lock(&txn, p.assembly_id).await?;
    before_session(a.status)?;
    if p.status != ProxyStatus::Pending {
        return Err(DomainError::InvalidTransition("proxy already answered"));
    }
    if accept {
        let held = proxy::Entity::find()
            .filter(proxy::Column::AssemblyId.eq(p.assembly_id))
            .filter(proxy::Column::HolderId.eq(me.id))
            .filter(proxy::Column::Status.eq(ProxyStatus::Accepted.as_str()))
            .count(&txn)
            .await?;
        if held >= u64::from(env.assembly.proxy_cap) {
            return Err(DomainError::ProxyCapReached);
        }
        if given_by(&txn, p.assembly_id, me.id)
            .await?
            .is_some_and(|g| live(&g))
        {
            return Err(DomainError::Conflict("gave their own proxy"));
        }
    }
    let to = if accept {
        ProxyStatus::Accepted
    } else {
        ProxyStatus::Declined
    };
    let assembly_id = p.assembly_id;
    let principal = p.principal_id;
    let mut am = p.into_active_model();
    am.status = Set(to);
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "assembly.proxy.answer",
        "proxy",
        &proxy_id.to_string(),
        Value::Null,
        json!({ "assemblyId": assembly_id, "status": to.as_str() }),
    )
    .await?;
    let told = notices::proxy(
        &txn,
        env,
        NotificationKind::ProxyAnswered,
        assembly_id,
        principal,
        to.as_str(),
        format!("assembly.proxy.answer:{}", entry.id),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    announce(env, told);
    Ok(assembly_id)
}

pub async fn revoke(env: &Env, actor: &Actor, assembly_id: AssemblyId) -> DomainResult<AssemblyId> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let a = lock(&txn, assembly_id).await?;
    before_session(a.status)?;
    let p = given_by(&txn, assembly_id, me.id)
        .await?
        .filter(live)
        .ok_or(DomainError::NotFound)?;
    let id = p.id;
    let mut am = p.into_active_model();
    am.status = Set(ProxyStatus::Revoked);
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "assembly.proxy.revoke",
        "proxy",
        &id.to_string(),
        Value::Null,
        json!({ "assemblyId": assembly_id }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(assembly_id)
}

/// Accepted proxies whose principal is absent and whose holder is present. A proxy whose
/// principal is no longer an effective member (demoted, deleted) carries no vote: it is not
/// counted as represented.
pub async fn represented<C: ConnectionTrait>(
    conn: &C,
    assembly_id: AssemblyId,
) -> DomainResult<Vec<proxy::Model>> {
    let here = present(conn, assembly_id).await?;
    let accepted: Vec<proxy::Model> = proxy::Entity::find()
        .filter(proxy::Column::AssemblyId.eq(assembly_id))
        .filter(proxy::Column::Status.eq(ProxyStatus::Accepted.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .filter(|p| here.contains(&p.holder_id) && !here.contains(&p.principal_id))
        .collect();
    let effective = effective_among(conn, accepted.iter().map(|p| p.principal_id)).await?;
    Ok(accepted
        .into_iter()
        .filter(|p| effective.contains(&p.principal_id))
        .collect())
}

/// Of `ids`, the accounts that are effective members today (not deleted). A proxy is worth
/// a vote only while its principal is one: read at the time of the vote, so a demotion
/// after the proxy was accepted takes the vote away at once.
pub async fn effective_among<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> DomainResult<std::collections::HashSet<Uuid>> {
    let ids: Vec<Uuid> = ids
        .into_iter()
        .collect::<std::collections::HashSet<_>>()
        .into_iter()
        .collect();
    let mut out = std::collections::HashSet::new();
    for chunk in ids.chunks(500) {
        let found: Vec<Uuid> = user::Entity::find()
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .filter(user::Column::DeletedAt.is_null())
            .filter(user::Column::MembershipKind.eq(MembershipKind::Effective.as_str()))
            .select_only()
            .column(user::Column::Id)
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(found);
    }
    Ok(out)
}

/// Account deletion ends the person's proxies, given and held, in every assembly not yet
/// closed (`REVOKED`; closed assemblies keep their record). Returns how many ended.
pub async fn end_for_deleted<C: ConnectionTrait>(conn: &C, user_id: Uuid) -> DomainResult<u64> {
    use crate::entities::assembly;
    let open: Vec<Uuid> = assembly::Entity::find()
        .filter(assembly::Column::Status.ne(AssemblyStatus::Closed.as_str()))
        .select_only()
        .column(assembly::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    if open.is_empty() {
        return Ok(0);
    }
    let res = proxy::Entity::update_many()
        .col_expr(
            proxy::Column::Status,
            sea_orm::sea_query::Expr::value(ProxyStatus::Revoked.as_str()),
        )
        .col_expr(
            proxy::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(proxy::Column::AssemblyId.is_in(open))
        .filter(
            sea_orm::Condition::any()
                .add(proxy::Column::PrincipalId.eq(user_id))
                .add(proxy::Column::HolderId.eq(user_id)),
        )
        .filter(proxy::Column::Status.is_in([
            ProxyStatus::Pending.as_str(),
            ProxyStatus::Accepted.as_str(),
        ]))
        .exec(conn)
        .await?;
    Ok(res.rows_affected)
}
