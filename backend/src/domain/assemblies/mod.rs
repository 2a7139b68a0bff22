//! General assemblies, part one: the assembly, its agenda and motions, the convocation and
//! the session. The board (or an admin) prepares and chairs; members read.

pub mod live;
pub mod minutes;
pub mod notices;
pub mod proxies;
pub mod room_counts;
pub mod votes;

use crate::domain::core::parse::text;
use crate::domain::{core::audit, Actor, CurrentUser, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{agenda_item, assembly, majority_rule, motion, user};
use chrono::{DateTime, Utc};
use constellation_shared::dto::assembly::{
    AgendaItemInput, AssemblyInput, AssemblyStatus, MajorityRuleCode, MotionInput, MotionStatus,
};
use constellation_shared::{MembershipKind, ValidationReason};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// The days between two convocations of the same assembly, at least (the law).
pub const SECOND_CONVOCATION_DAYS: i64 = 15;

pub fn status_of(a: &assembly::Model) -> AssemblyStatus {
    AssemblyStatus::parse(&a.status).unwrap_or(AssemblyStatus::Closed)
}

pub fn motion_status(m: &motion::Model) -> MotionStatus {
    MotionStatus::parse(&m.status).unwrap_or(MotionStatus::Closed)
}

/// The association reads its assemblies: effective and adherent members, the board, admins.
pub fn reader(actor: &Actor) -> DomainResult<&CurrentUser> {
    actor.association_member()
}

pub fn is_effective(u: &CurrentUser) -> bool {
    u.kind == MembershipKind::Effective
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> DomainResult<assembly::Model> {
    assembly::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Locks the assembly row (PostgreSQL; SQLite's write transaction already holds the lock).
pub async fn lock(txn: &DatabaseTransaction, id: Uuid) -> DomainResult<assembly::Model> {
    let mut q = assembly::Entity::find_by_id(id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    q.one(txn).await?.ok_or(DomainError::NotFound)
}

pub async fn list(
    env: &Env,
    actor: &Actor,
    before: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
) -> DomainResult<Vec<assembly::Model>> {
    reader(actor)?;
    let mut q = assembly::Entity::find()
        .order_by_desc(assembly::Column::StartsAt)
        .order_by_desc(assembly::Column::Id);
    if let Some((at, id)) = before {
        q = q.filter(
            sea_orm::Condition::any()
                .add(assembly::Column::StartsAt.lt(at))
                .add(
                    sea_orm::Condition::all()
                        .add(assembly::Column::StartsAt.eq(at))
                        .add(assembly::Column::Id.lt(id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

pub async fn get(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<assembly::Model> {
    reader(actor)?;
    find(&env.db, id).await
}

fn record_change(a: &assembly::Model) -> Value {
    json!({ "kind": a.kind, "title": a.title, "startsAt": a.starts_at, "place": a.place, "status": a.status, "firstConvocationId": a.first_convocation_id })
}

pub async fn create(
    env: &Env,
    actor: &Actor,
    input: AssemblyInput,
) -> DomainResult<assembly::Model> {
    let board = actor.board_or_admin()?;
    let title = text("title", &input.title, true, 200)?;
    let place = text("place", &input.place, true, 500)?;
    let starts_at = DateTime::parse_from_rfc3339(input.starts_at.trim())
        .map_err(|_| DomainError::invalid("startsAt", ValidationReason::Invalid))?
        .with_timezone(&Utc);
    let txn = env.begin_write().await?;
    let first = match input
        .first_convocation_id
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        None => None,
        Some(raw) => {
            let id: Uuid = raw.trim().parse().map_err(|_| {
                DomainError::invalid("firstConvocationId", ValidationReason::InvalidId)
            })?;
            let first = find(&txn, id).await.map_err(|_| {
                DomainError::invalid("firstConvocationId", ValidationReason::Invalid)
            })?;
            if first.first_convocation_id.is_some() {
                return Err(DomainError::invalid(
                    "firstConvocationId",
                    ValidationReason::Invalid,
                ));
            }
            if starts_at < first.starts_at + chrono::Duration::days(SECOND_CONVOCATION_DAYS) {
                return Err(DomainError::invalid("startsAt", ValidationReason::Invalid));
            }
            Some(id)
        }
    };
    let a = assembly::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(input.kind.as_str().to_owned()),
        title: Set(title),
        starts_at: Set(starts_at),
        place: Set(place),
        language: Set(input.language.code().to_owned()),
        status: Set(AssemblyStatus::Draft.as_str().to_owned()),
        first_convocation_id: Set(first),
        convened_at: Set(None),
        opened_at: Set(None),
        closed_at: Set(None),
        created_by: Set(board.id),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "assembly.create",
        "assembly",
        &a.id.to_string(),
        Value::Null,
        record_change(&a),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(a)
}

// ---------------------------------------------------------------- agenda

/// "2", "2.1", "3.a": numbers and lowercase letters separated by dots.
pub fn parse_number(raw: &str) -> DomainResult<(String, String, i32)> {
    let n = raw.trim().trim_end_matches('.').to_lowercase();
    let parts: Vec<&str> = n.split('.').collect();
    let ok = !n.is_empty()
        && parts.len() <= 4
        && parts.iter().all(|p| {
            (!p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
                || (p.len() == 1 && p.chars().all(|c| c.is_ascii_lowercase()))
        })
        && parts[0].chars().all(|c| c.is_ascii_digit());
    if !ok {
        return Err(DomainError::invalid("number", ValidationReason::Invalid));
    }
    // Sorts "2" < "2.1" < "2.10" < "3" < "3.a".
    let key = parts
        .iter()
        .map(|p| match p.parse::<u32>() {
            Ok(v) => format!("{v:04}"),
            Err(_) => format!("{p:>4}"),
        })
        .collect::<Vec<_>>()
        .join(".");
    let depth = parts.len() as i32 - 1;
    Ok((n.clone(), key, depth))
}

pub fn depth_of(i: &agenda_item::Model) -> i32 {
    i.number.split('.').count() as i32 - 1
}

/// Statutory items are frozen once the convocation is out.
pub fn frozen(a: &assembly::Model, i: &agenda_item::Model) -> bool {
    i.statutory && status_of(a) != AssemblyStatus::Draft
}

async fn editable(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: Uuid,
) -> DomainResult<(assembly::Model, Uuid)> {
    let board = actor.board_or_admin()?.id;
    let a = lock(txn, id).await?;
    if matches!(
        status_of(&a),
        AssemblyStatus::InSession | AssemblyStatus::Closed
    ) {
        return Err(DomainError::InvalidTransition(
            "the agenda is set once in session",
        ));
    }
    Ok((a, board))
}

pub async fn add_item(
    env: &Env,
    actor: &Actor,
    assembly_id: Uuid,
    input: AgendaItemInput,
) -> DomainResult<assembly::Model> {
    let (number, sort_key, _) = parse_number(&input.number)?;
    let title = text("title", &input.title, true, 300)?;
    let body = text("body", &input.body, false, 20_000)?;
    if input.documents.len() > 20 {
        return Err(DomainError::invalid("documents", ValidationReason::TooLong));
    }
    let mut docs = Vec::new();
    for d in &input.documents {
        let url = d.url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 2_000 {
            return Err(DomainError::invalid("documents", ValidationReason::Invalid));
        }
        docs.push(json!({ "title": text("documents", &d.title, true, 200)?, "url": url }));
    }
    let txn = env.begin_write().await?;
    let (a, board) = editable(&txn, actor, assembly_id).await?;
    if input.statutory && status_of(&a) != AssemblyStatus::Draft {
        return Err(DomainError::AgendaFrozen);
    }
    let item = agenda_item::ActiveModel {
        id: Set(Uuid::new_v4()),
        assembly_id: Set(assembly_id),
        number: Set(number),
        sort_key: Set(sort_key),
        title: Set(title),
        body: Set(body),
        documents: Set(Value::Array(docs).to_string()),
        statutory: Set(input.statutory),
    }
    .insert(&txn)
    .await
    .on_unique(
        &["uq_items_assembly_number", "agenda_items.assembly_id"],
        DomainError::invalid("number", ValidationReason::Invalid),
    )?;
    let entry = audit::record(
        &txn,
        Some(board),
        "assembly.item.add",
        "assembly",
        &assembly_id.to_string(),
        Value::Null,
        json!({ "number": item.number, "title": item.title, "statutory": item.statutory }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(a)
}

pub async fn remove_item(env: &Env, actor: &Actor, item_id: Uuid) -> DomainResult<assembly::Model> {
    let txn = env.begin_write().await?;
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let (a, board) = editable(&txn, actor, item.assembly_id).await?;
    if frozen(&a, &item) {
        return Err(DomainError::AgendaFrozen);
    }
    motion::Entity::delete_many()
        .filter(motion::Column::ItemId.eq(item_id))
        .exec(&txn)
        .await?;
    agenda_item::Entity::delete_by_id(item_id)
        .exec(&txn)
        .await?;
    let entry = audit::record(
        &txn,
        Some(board),
        "assembly.item.remove",
        "assembly",
        &a.id.to_string(),
        json!({ "number": item.number, "title": item.title }),
        Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(a)
}

pub async fn items<C: ConnectionTrait>(
    conn: &C,
    assembly_id: Uuid,
) -> DomainResult<Vec<agenda_item::Model>> {
    Ok(agenda_item::Entity::find()
        .filter(agenda_item::Column::AssemblyId.eq(assembly_id))
        .order_by_asc(agenda_item::Column::SortKey)
        .all(conn)
        .await?)
}

// ---------------------------------------------------------------- motions

pub async fn rules<C: ConnectionTrait>(conn: &C) -> DomainResult<Vec<majority_rule::Model>> {
    let mut all = majority_rule::Entity::find().all(conn).await?;
    all.sort_by_key(|r| {
        MajorityRuleCode::ALL
            .iter()
            .position(|c| c.as_str() == r.code)
            .unwrap_or(usize::MAX)
    });
    Ok(all)
}

pub async fn add_motion(
    env: &Env,
    actor: &Actor,
    item_id: Uuid,
    input: MotionInput,
) -> DomainResult<assembly::Model> {
    let body = text("text", &input.text, true, 10_000)?;
    let txn = env.begin_write().await?;
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let (a, board) = editable(&txn, actor, item.assembly_id).await?;
    if frozen(&a, &item) {
        return Err(DomainError::AgendaFrozen);
    }
    let m = motion::ActiveModel {
        id: Set(Uuid::now_v7()),
        assembly_id: Set(a.id),
        item_id: Set(item_id),
        text: Set(body),
        rule_code: Set(input.rule.as_str().to_owned()),
        ballot: Set(input.ballot.as_str().to_owned()),
        status: Set(MotionStatus::Draft.as_str().to_owned()),
        opened_at: Set(None),
        closed_at: Set(None),
        result: Set(None),
    }
    .insert(&txn)
    .await?;
    let entry = audit::record(&txn, Some(board), "assembly.motion.add", "motion", &m.id.to_string(), Value::Null,
        json!({ "assemblyId": a.id, "item": item.number, "text": m.text, "rule": m.rule_code, "ballot": m.ballot })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(a)
}

pub async fn motions<C: ConnectionTrait>(
    conn: &C,
    assembly_id: Uuid,
) -> DomainResult<Vec<motion::Model>> {
    Ok(motion::Entity::find()
        .filter(motion::Column::AssemblyId.eq(assembly_id))
        .order_by_asc(motion::Column::Id)
        .all(conn)
        .await?)
}

/// Admins adjust a preset's figures (statutes may be stricter than the law).
pub async fn update_rule(
    env: &Env,
    actor: &Actor,
    code: MajorityRuleCode,
    quorum: (i32, i32),
    majority: (i32, i32),
    strict: bool,
) -> DomainResult<majority_rule::Model> {
    let admin = actor.admin()?;
    let valid = |(n, d): (i32, i32), zero_ok: bool| {
        (zero_ok && n == 0 && d == 0) || (d > 0 && (1..=d).contains(&n))
    };
    if !valid(quorum, true) {
        return Err(DomainError::invalid("quorum", ValidationReason::Invalid));
    }
    if !valid(majority, false) {
        return Err(DomainError::invalid("majority", ValidationReason::Invalid));
    }
    let txn = env.begin_write().await?;
    let r = majority_rule::Entity::find_by_id(code.as_str().to_owned())
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let before = json!({ "quorum": [r.quorum_num, r.quorum_den], "majority": [r.majority_num, r.majority_den], "strict": r.strict });
    let mut am = r.into_active_model();
    am.quorum_num = Set(quorum.0);
    am.quorum_den = Set(quorum.1);
    am.majority_num = Set(majority.0);
    am.majority_den = Set(majority.1);
    am.strict = Set(strict);
    let r = am.update(&txn).await?;
    let entry = audit::record(&txn, Some(admin.id), "assembly.rule.update", "majority_rule", &r.code, before,
        json!({ "quorum": [r.quorum_num, r.quorum_den], "majority": [r.majority_num, r.majority_den], "strict": r.strict })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(r)
}

// ---------------------------------------------------------------- convocation and session

async fn transition(
    env: &Env,
    actor: &Actor,
    id: Uuid,
    from: AssemblyStatus,
    to: AssemblyStatus,
    check: impl FnOnce(&assembly::Model) -> DomainResult<()>,
) -> DomainResult<assembly::Model> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let a = lock(&txn, id).await?;
    if status_of(&a) != from {
        return Err(DomainError::InvalidTransition("assembly status"));
    }
    check(&a)?;
    if to == AssemblyStatus::Closed {
        let open = motion::Entity::find()
            .filter(motion::Column::AssemblyId.eq(id))
            .filter(motion::Column::Status.eq(MotionStatus::Open.as_str()))
            .count(&txn)
            .await?;
        if open > 0 {
            return Err(DomainError::InvalidTransition("voting is still open"));
        }
    }
    let now = Utc::now();
    let mut am = a.clone().into_active_model();
    am.status = Set(to.as_str().to_owned());
    match to {
        AssemblyStatus::Convened => am.convened_at = Set(Some(now)),
        AssemblyStatus::InSession => am.opened_at = Set(Some(now)),
        AssemblyStatus::Closed => am.closed_at = Set(Some(now)),
        AssemblyStatus::Draft => {}
    }
    let updated = am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        &format!("assembly.{}", to.as_str().to_lowercase()),
        "assembly",
        &id.to_string(),
        json!({ "status": a.status }),
        json!({ "status": updated.status }),
    )
    .await?;
    // The convocation goes out with the change that convenes: both or neither.
    let told = if to == AssemblyStatus::Convened {
        notices::convocation(&txn, env, &updated).await?
    } else {
        Default::default()
    };
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    let _ = env.live.send(crate::domain::assemblies::votes::LiveSignal {
        assembly_id: id,
        motion_id: None,
        kind: "SESSION",
    });
    Ok(updated)
}

/// Sends the convocation: the date must be at least the convocation delay away.
pub async fn convene(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<assembly::Model> {
    let days = env.assembly.convocation_days;
    transition(
        env,
        actor,
        id,
        AssemblyStatus::Draft,
        AssemblyStatus::Convened,
        |a| {
            if a.starts_at < Utc::now() + chrono::Duration::days(days) {
                Err(DomainError::ConvocationTooLate)
            } else {
                Ok(())
            }
        },
    )
    .await
}

pub async fn open_session(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<assembly::Model> {
    transition(
        env,
        actor,
        id,
        AssemblyStatus::Convened,
        AssemblyStatus::InSession,
        |_| Ok(()),
    )
    .await
}

pub async fn close_session(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<assembly::Model> {
    transition(
        env,
        actor,
        id,
        AssemblyStatus::InSession,
        AssemblyStatus::Closed,
        |_| Ok(()),
    )
    .await
}

/// Effective members, the electorate of every quorum.
pub async fn effective_members<C: ConnectionTrait>(conn: &C) -> DomainResult<u64> {
    Ok(user::Entity::find()
        .filter(user::Column::MembershipKind.eq(MembershipKind::Effective.as_str()))
        .filter(user::Column::DeletedAt.is_null())
        .count(conn)
        .await?)
}
