//! The inventory: the services the association hosts, each of a kind, with its holders and
//! its hand-over checklist. The board enters and edits it; the working group reads it (it
//! identifies the needs); holders see their own (`mine`).

use crate::domain::core::parse::text;
use crate::domain::transition::{find_service, holders_of, parse_id, working_group_or_board};
use crate::domain::{core::audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{
    transition_handover_item as item, transition_holder, transition_service as service,
    transition_status_event as step, user,
};
use constellation_shared::dto::transition::{
    MigrationPath, ServiceInput, ServiceKind, ServiceStatus,
};
use constellation_shared::ids::ServiceId;
use constellation_shared::ValidationReason;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use std::collections::HashSet;
use uuid::Uuid;

pub const NAME_UNIQUE: &[&str] = &[
    "uq_transition_services_kind_name",
    "transition_services.kind",
];
/// Holders of one service, at most.
const HOLDERS_MAX: usize = 50;

/// A service checked, before it is written.
pub struct NewService {
    pub kind: ServiceKind,
    pub name: String,
    pub description: String,
    pub address: String,
    pub internal: bool,
    pub holders: Vec<Uuid>,
}

/// Names compare without case or surrounding blanks: `Site.be` and `site.be ` are one.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Checks the fields alone (holders' existence is checked against the database after).
pub fn check(
    kind: ServiceKind,
    name: &str,
    description: &str,
    address: &str,
    internal: bool,
    holders: Vec<Uuid>,
) -> DomainResult<NewService> {
    let name = text("name", name, true, 200)?;
    let description = text("description", description, false, 10_000)?;
    let address = text("address", address, false, 300)?;
    let mut seen = HashSet::new();
    let holders: Vec<Uuid> = holders.into_iter().filter(|h| seen.insert(*h)).collect();
    if holders.len() > HOLDERS_MAX {
        return Err(DomainError::invalid("holderIds", ValidationReason::TooLong));
    }
    if holders.is_empty() && !internal {
        return Err(DomainError::invalid(
            "holderIds",
            ValidationReason::Required,
        ));
    }
    Ok(NewService {
        kind,
        name,
        description,
        address,
        internal,
        holders,
    })
}

fn from_input(input: &ServiceInput) -> DomainResult<NewService> {
    let holders = input
        .holder_ids
        .iter()
        .map(|h| parse_id("holderIds", h))
        .collect::<DomainResult<Vec<_>>>()?;
    check(
        input.kind,
        &input.name,
        &input.description,
        &input.address,
        input.internal,
        holders,
    )
}

/// Which of `ids` are live accounts.
pub async fn existing_accounts<C: ConnectionTrait>(
    conn: &C,
    ids: &[Uuid],
) -> DomainResult<HashSet<Uuid>> {
    let mut out = HashSet::new();
    for chunk in ids.chunks(500) {
        out.extend(
            user::Entity::find()
                .filter(user::Column::Id.is_in(chunk.to_vec()))
                .filter(user::Column::DeletedAt.is_null())
                .all(conn)
                .await?
                .into_iter()
                .map(|u| u.id),
        );
    }
    Ok(out)
}

async fn check_holders<C: ConnectionTrait>(conn: &C, holders: &[Uuid]) -> DomainResult<()> {
    let found = existing_accounts(conn, holders).await?;
    if holders.iter().any(|h| !found.contains(h)) {
        return Err(DomainError::invalid(
            "holderIds",
            ValidationReason::InvalidId,
        ));
    }
    Ok(())
}

/// Writes a checked service, its holders, its checklist and its first step (in `txn`).
pub async fn insert(
    txn: &DatabaseTransaction,
    by: Uuid,
    s: NewService,
) -> DomainResult<service::Model> {
    let id = ServiceId::new_v4();
    let now = chrono::Utc::now();
    let row = service::ActiveModel {
        id: Set(id),
        kind: Set(s.kind),
        name_key: Set(name_key(&s.name)),
        name: Set(s.name),
        description: Set(s.description),
        address: Set(s.address),
        internal: Set(s.internal),
        status: Set(ServiceStatus::ToPlan),
        path: Set(None),
        target_host: Set(String::new()),
        group_id: Set(None),
        taker_user_id: Set(None),
        taker_lab_id: Set(None),
        handover_confirmed_at: Set(None),
        handover_waived_reason: Set(None),
        handover_waived_by: Set(None),
        created_by: Set(by),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await
    .on_unique(
        NAME_UNIQUE,
        DomainError::invalid("name", ValidationReason::Invalid),
    )?;
    if !s.holders.is_empty() {
        transition_holder::Entity::insert_many(s.holders.iter().map(|u| {
            transition_holder::ActiveModel {
                service_id: Set(id),
                user_id: Set(*u),
            }
        }))
        .exec_without_returning(txn)
        .await?;
    }
    // Internal services stay: nothing to hand over, no steps to take.
    if !row.internal {
        item::Entity::insert_many(s.kind.checklist().iter().map(|k| item::ActiveModel {
            id: Set(Uuid::new_v4()),
            service_id: Set(id),
            item: Set(*k),
            handed_by: Set(None),
            handed_at: Set(None),
            confirmed_by: Set(None),
            confirmed_at: Set(None),
        }))
        .exec_without_returning(txn)
        .await?;
        step::ActiveModel {
            service_id: Set(id),
            from_status: Set(None),
            to_status: Set(ServiceStatus::ToPlan),
            path: Set(None),
            reason: Set(None),
            actor_id: Set(Some(by)),
            at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(row)
}

pub fn service_json(s: &service::Model, holders: &[Uuid]) -> serde_json::Value {
    json!({ "kind": s.kind, "name": s.name, "address": s.address, "internal": s.internal,
            "status": s.status, "path": s.path, "holders": holders })
}

/// Board: one service entered by hand.
pub async fn create(env: &Env, actor: &Actor, input: ServiceInput) -> DomainResult<service::Model> {
    let board = actor.board_or_admin()?;
    let s = from_input(&input)?;
    let txn = env.begin_write().await?;
    check_holders(&txn, &s.holders).await?;
    let holders = s.holders.clone();
    let row = insert(&txn, board.id, s).await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.create_service",
        "transition_service",
        &row.id.to_string(),
        serde_json::Value::Null,
        service_json(&row, &holders),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(row)
}

/// Board: name, description, detail and holders change; the kind does not (the checklist
/// depends on it), and a service becomes internal only while nothing is planned for it.
pub async fn update(
    env: &Env,
    actor: &Actor,
    id: ServiceId,
    input: ServiceInput,
) -> DomainResult<service::Model> {
    let board = actor.board_or_admin()?;
    let s = from_input(&input)?;
    let txn = env.begin_write().await?;
    let before = find_service(&txn, id).await?;
    if before.kind != s.kind {
        return Err(DomainError::invalid("kind", ValidationReason::Invalid));
    }
    if s.internal != before.internal {
        return Err(DomainError::InvalidTransition(
            "internal is set when the service is entered",
        ));
    }
    check_holders(&txn, &s.holders).await?;
    let old_holders = holders_of(&txn, id).await?;
    let mut am: service::ActiveModel = before.clone().into();
    am.name_key = Set(name_key(&s.name));
    am.name = Set(s.name);
    am.description = Set(s.description);
    am.address = Set(s.address);
    am.updated_at = Set(chrono::Utc::now());
    let after = am.update(&txn).await.on_unique(
        NAME_UNIQUE,
        DomainError::invalid("name", ValidationReason::Invalid),
    )?;
    transition_holder::Entity::delete_many()
        .filter(transition_holder::Column::ServiceId.eq(id))
        .exec(&txn)
        .await?;
    if !s.holders.is_empty() {
        transition_holder::Entity::insert_many(s.holders.iter().map(|u| {
            transition_holder::ActiveModel {
                service_id: Set(id),
                user_id: Set(*u),
            }
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    // A collective service's holders are its group's members: the new ones join, the
    // removed ones leave (unless another service keeps them in it).
    if let Some(g) = before.group_id {
        let added: Vec<Uuid> = s
            .holders
            .iter()
            .filter(|h| !old_holders.contains(h))
            .copied()
            .collect();
        let removed: Vec<Uuid> = old_holders
            .iter()
            .filter(|h| !s.holders.contains(h))
            .copied()
            .collect();
        super::progress::join_group(&txn, g, &added).await?;
        super::progress::leave_group(&txn, g, &removed).await?;
    }
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.update_service",
        "transition_service",
        &id.to_string(),
        service_json(&before, &old_holders),
        service_json(&after, &s.holders),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(after)
}

/// What the board's inventory narrows to.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub status: Option<ServiceStatus>,
    pub path: Option<MigrationPath>,
    pub kind: Option<ServiceKind>,
    pub internal: Option<bool>,
}

/// By kind and name; `after` is the last id seen. Board and working group.
pub async fn list(
    env: &Env,
    actor: &Actor,
    filter: Filter,
    after: Option<ServiceId>,
    limit: u64,
) -> DomainResult<Vec<service::Model>> {
    working_group_or_board(&env.db, actor).await?;
    let mut q = service::Entity::find();
    if let Some(s) = filter.status {
        q = q.filter(service::Column::Status.eq(s.as_str()));
    }
    if let Some(p) = filter.path {
        q = q.filter(service::Column::Path.eq(p.as_str()));
    }
    if let Some(k) = filter.kind {
        q = q.filter(service::Column::Kind.eq(k.as_str()));
    }
    if let Some(i) = filter.internal {
        q = q.filter(service::Column::Internal.eq(i));
    }
    page(&env.db, q, after, limit).await
}

/// Keyset page ordered by (kind, name key, id).
async fn page<C: ConnectionTrait>(
    conn: &C,
    mut q: sea_orm::Select<service::Entity>,
    after: Option<ServiceId>,
    limit: u64,
) -> DomainResult<Vec<service::Model>> {
    use service::Column as C;
    if let Some(a) = after {
        let c = find_service(conn, a)
            .await
            .map_err(|_| DomainError::invalid("after", ValidationReason::InvalidId))?;
        q = q.filter(
            Condition::any()
                .add(C::Kind.gt(c.kind))
                .add(
                    Condition::all()
                        .add(C::Kind.eq(c.kind))
                        .add(C::NameKey.gt(c.name_key.clone())),
                )
                .add(
                    Condition::all()
                        .add(C::Kind.eq(c.kind))
                        .add(C::NameKey.eq(c.name_key))
                        .add(C::Id.gt(c.id)),
                ),
        );
    }
    Ok(q.order_by_asc(C::Kind)
        .order_by_asc(C::NameKey)
        .order_by_asc(C::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

/// The caller's own services (internal ones included: they see what stays).
pub async fn mine(
    env: &Env,
    actor: &Actor,
    after: Option<ServiceId>,
    limit: u64,
) -> DomainResult<Vec<service::Model>> {
    let me = actor.user()?;
    let ids: Vec<ServiceId> = transition_holder::Entity::find()
        .filter(transition_holder::Column::UserId.eq(me.id))
        .all(&env.db)
        .await?
        .into_iter()
        .map(|h| h.service_id)
        .collect();
    let q = service::Entity::find().filter(service::Column::Id.is_in(ids));
    page(&env.db, q, after, limit).await
}

/// What the holder should do next, in words the page translates (a code).
pub fn next_step(s: &service::Model, items: &[item::Model]) -> &'static str {
    if s.internal {
        return "NONE_INTERNAL";
    }
    let handed = items.iter().filter(|i| i.handed_at.is_some()).count();
    let confirmed = items.iter().filter(|i| i.confirmed_at.is_some()).count();
    match s.status {
        ServiceStatus::ToPlan => "CHOOSE_PATH",
        ServiceStatus::Closed => "NONE_CLOSED",
        _ if handed > confirmed => "CONFIRM_HANDOVER",
        ServiceStatus::Migrated
            if s.handover_confirmed_at.is_some() || s.handover_waived_reason.is_some() =>
        {
            "AWAIT_CLOSING"
        }
        ServiceStatus::Planned => "START_MIGRATION",
        _ => "AWAIT_HANDOVER",
    }
}
