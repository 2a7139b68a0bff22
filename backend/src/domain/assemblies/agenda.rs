//! An assembly's agenda: numbered items ("2", "2.1", "3.a"), statutory ones frozen once
//! the convocation is out.

use super::*;
use constellation_shared::ids::ItemId;

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
    i.statutory && a.status != AssemblyStatus::Draft
}

pub(super) async fn editable(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: AssemblyId,
) -> DomainResult<(assembly::Model, Uuid)> {
    let board = actor.board_or_admin()?.id;
    let a = lock(txn, id).await?;
    if matches!(a.status, AssemblyStatus::InSession | AssemblyStatus::Closed) {
        return Err(DomainError::InvalidTransition(
            "the agenda is set once in session",
        ));
    }
    Ok((a, board))
}

pub async fn add_item(
    env: &Env,
    actor: &Actor,
    assembly_id: AssemblyId,
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
    if input.statutory && a.status != AssemblyStatus::Draft {
        return Err(DomainError::AgendaFrozen);
    }
    let item = agenda_item::ActiveModel {
        id: Set(ItemId::new_v4()),
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

pub async fn remove_item(
    env: &Env,
    actor: &Actor,
    item_id: ItemId,
) -> DomainResult<assembly::Model> {
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
    assembly_id: AssemblyId,
) -> DomainResult<Vec<agenda_item::Model>> {
    Ok(agenda_item::Entity::find()
        .filter(agenda_item::Column::AssemblyId.eq(assembly_id))
        .order_by_asc(agenda_item::Column::SortKey)
        .all(conn)
        .await?)
}
