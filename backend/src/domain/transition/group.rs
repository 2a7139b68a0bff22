//! Collective groups (the board names them; a group's members are the holders of its
//! services: they join by choosing the collective path and leave when no service of theirs
//! is in it any more — `progress::{join_group, leave_group}`) and the
//! working group's shared work: recommended hosts matching the association's values
//! and guides (markdown). The working group (active members of its Lab, which any member
//! may join: participation is recorded there) and the board edit hosts and guides; every
//! signed-in account reads them.

use crate::domain::core::parse::text;
use crate::domain::transition::working_group_or_board;
use crate::domain::{core::audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{
    transition_group as group, transition_group_member as group_member, transition_guide as guide,
    transition_host as host,
};
use constellation_shared::dto::transition::{GuideInput, HostInput, ServiceKind};
use constellation_shared::ValidationReason;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

const GROUP_UNIQUE: &[&str] = &["uq_transition_groups_name", "transition_groups.name"];
const HOST_UNIQUE: &[&str] = &["uq_transition_hosts_name", "transition_hosts.name"];

/// Board: a group of members moving together to one target.
pub async fn create_group(
    env: &Env,
    actor: &Actor,
    name: &str,
    target_host: &str,
) -> DomainResult<group::Model> {
    let board = actor.board_or_admin()?;
    let name = text("name", name, true, 200)?;
    let target = text("targetHost", target_host, true, 300)?;
    let txn = env.begin_write().await?;
    let g = group::ActiveModel {
        id: Set(Uuid::new_v4()),
        name: Set(name),
        target_host: Set(target),
        created_by: Set(board.id),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(&txn)
    .await
    .on_unique(
        GROUP_UNIQUE,
        DomainError::invalid("name", ValidationReason::Invalid),
    )?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.create_group",
        "transition_group",
        &g.id.to_string(),
        serde_json::Value::Null,
        json!({ "name": g.name, "targetHost": g.target_host }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(g)
}

/// By name (association members: they choose one).
pub async fn groups(
    env: &Env,
    actor: &Actor,
    after: Option<String>,
    limit: u64,
) -> DomainResult<Vec<group::Model>> {
    actor.user()?;
    let mut q = group::Entity::find().order_by_asc(group::Column::Name);
    if let Some(a) = after {
        q = q.filter(group::Column::Name.gt(a));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// The members of each group, in the order they joined: one statement for any number of
/// groups (the GraphQL loader's).
pub async fn members_of<C: ConnectionTrait>(
    conn: &C,
    groups: &[Uuid],
) -> DomainResult<Vec<group_member::Model>> {
    let mut out = Vec::new();
    for chunk in groups.chunks(500) {
        out.extend(
            group_member::Entity::find()
                .filter(group_member::Column::GroupId.is_in(chunk.to_vec()))
                .order_by_asc(group_member::Column::JoinedAt)
                .order_by_asc(group_member::Column::UserId)
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// Who may see who moves with a group: its own members (they move together), the working
/// group and the board. Others see the group, not its members (that would tell who has
/// services hosted, which is nobody else's business).
pub fn may_see_members(
    me: &crate::domain::CurrentUser,
    in_working_group: bool,
    members: &[Uuid],
) -> bool {
    me.is_board || me.is_admin || in_working_group || members.contains(&me.id)
}

pub fn kinds_key(kinds: &[ServiceKind]) -> String {
    let mut k: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    k.sort_unstable();
    k.dedup();
    format!("|{}|", k.join("|"))
}

pub fn kinds_of(h: &host::Model) -> Vec<ServiceKind> {
    h.kinds.split('|').filter_map(ServiceKind::parse).collect()
}

struct Host {
    name: String,
    url: String,
    kinds: String,
    note: String,
}

fn parse_host(input: &HostInput) -> DomainResult<Host> {
    let url = text("url", &input.url, true, 500)?;
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
        return Err(DomainError::invalid("url", ValidationReason::Invalid));
    }
    if input.kinds.is_empty() {
        return Err(DomainError::invalid("kinds", ValidationReason::Required));
    }
    Ok(Host {
        name: text("name", &input.name, true, 200)?,
        url,
        kinds: kinds_key(&input.kinds),
        note: text("note", &input.note, false, 10_000)?,
    })
}

/// The working group or the board: a recommended host (`id` given: edits it).
pub async fn save_host(
    env: &Env,
    actor: &Actor,
    id: Option<Uuid>,
    input: HostInput,
) -> DomainResult<host::Model> {
    let h = parse_host(&input)?;
    let txn = env.begin_write().await?;
    let me = working_group_or_board(&txn, actor).await?;
    let now = chrono::Utc::now();
    let (before, row) = match id {
        None => (
            serde_json::Value::Null,
            host::ActiveModel {
                id: Set(Uuid::new_v4()),
                name: Set(h.name),
                url: Set(h.url),
                kinds: Set(h.kinds),
                note: Set(h.note),
                created_by: Set(me.id),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await
            .on_unique(
                HOST_UNIQUE,
                DomainError::invalid("name", ValidationReason::Invalid),
            )?,
        ),
        Some(id) => {
            let old = host::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(DomainError::NotFound)?;
            let mut am: host::ActiveModel = old.clone().into();
            am.name = Set(h.name);
            am.url = Set(h.url);
            am.kinds = Set(h.kinds);
            am.note = Set(h.note);
            am.updated_at = Set(now);
            (
                json!({ "name": old.name, "url": old.url, "kinds": old.kinds }),
                am.update(&txn).await.on_unique(
                    HOST_UNIQUE,
                    DomainError::invalid("name", ValidationReason::Invalid),
                )?,
            )
        }
    };
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.save_host",
        "transition_host",
        &row.id.to_string(),
        before,
        json!({ "name": row.name, "url": row.url, "kinds": row.kinds }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(row)
}

pub async fn remove_host(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<()> {
    let txn = env.begin_write().await?;
    let me = working_group_or_board(&txn, actor).await?;
    let old = host::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    host::Entity::delete_by_id(id).exec(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.remove_host",
        "transition_host",
        &id.to_string(),
        json!({ "name": old.name, "url": old.url }),
        serde_json::Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(())
}

/// By name; signed-in accounts.
pub async fn hosts(
    env: &Env,
    actor: &Actor,
    kind: Option<ServiceKind>,
    after: Option<String>,
    limit: u64,
) -> DomainResult<Vec<host::Model>> {
    actor.user()?;
    let mut q = host::Entity::find().order_by_asc(host::Column::Name);
    if let Some(k) = kind {
        q = q.filter(host::Column::Kinds.contains(format!("|{}|", k.as_str())));
    }
    if let Some(a) = after {
        q = q.filter(host::Column::Name.gt(a));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// The working group or the board: a guide (`id` given: edits it).
pub async fn save_guide(
    env: &Env,
    actor: &Actor,
    id: Option<Uuid>,
    input: GuideInput,
) -> DomainResult<guide::Model> {
    let title = text("title", &input.title, true, 200)?;
    let body = text("body", &input.body, true, 100_000)?;
    let txn = env.begin_write().await?;
    let me = working_group_or_board(&txn, actor).await?;
    let now = chrono::Utc::now();
    let (before, row) = match id {
        None => (
            serde_json::Value::Null,
            guide::ActiveModel {
                id: Set(Uuid::new_v4()),
                title: Set(title),
                body: Set(body),
                author_id: Set(me.id),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?,
        ),
        Some(id) => {
            let old = guide::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .ok_or(DomainError::NotFound)?;
            let mut am: guide::ActiveModel = old.clone().into();
            am.title = Set(title);
            am.body = Set(body);
            am.updated_at = Set(now);
            (json!({ "title": old.title }), am.update(&txn).await?)
        }
    };
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.save_guide",
        "transition_guide",
        &row.id.to_string(),
        before,
        json!({ "title": row.title }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(row)
}

/// The working group or the board: a guide that is out of date or wrong.
pub async fn remove_guide(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<()> {
    let txn = env.begin_write().await?;
    let me = working_group_or_board(&txn, actor).await?;
    let old = guide::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    guide::Entity::delete_by_id(id).exec(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.remove_guide",
        "transition_guide",
        &id.to_string(),
        json!({ "title": old.title, "author": old.author_id }),
        serde_json::Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(())
}

/// Newest first; `after` is the last id seen. Signed-in accounts.
pub async fn guides(
    env: &Env,
    actor: &Actor,
    after: Option<Uuid>,
    limit: u64,
) -> DomainResult<Vec<guide::Model>> {
    actor.user()?;
    let mut q = guide::Entity::find()
        .order_by_desc(guide::Column::CreatedAt)
        .order_by_desc(guide::Column::Id);
    if let Some(a) = after {
        let c = guide::Entity::find_by_id(a)
            .one(&env.db)
            .await?
            .ok_or(DomainError::invalid("after", ValidationReason::InvalidId))?;
        q = q.filter(
            sea_orm::Condition::any()
                .add(guide::Column::CreatedAt.lt(c.created_at))
                .add(
                    sea_orm::Condition::all()
                        .add(guide::Column::CreatedAt.eq(c.created_at))
                        .add(guide::Column::Id.lt(c.id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}
