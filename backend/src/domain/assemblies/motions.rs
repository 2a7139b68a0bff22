//! Motions on agenda items and the majority rules they are decided by (presets the admins
//! may make stricter).

use super::*;
use constellation_shared::ids::ItemId;

pub async fn rules<C: ConnectionTrait>(conn: &C) -> DomainResult<Vec<majority_rule::Model>> {
    let mut all = majority_rule::Entity::find().all(conn).await?;
    all.sort_by_key(|r| {
        MajorityRuleCode::ALL
            .iter()
            .position(|c| *c == r.code)
            .unwrap_or(usize::MAX)
    });
    Ok(all)
}

pub async fn add_motion(
    env: &Env,
    actor: &Actor,
    item_id: ItemId,
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
        id: Set(MotionId::now_v7()),
        assembly_id: Set(a.id),
        item_id: Set(item_id),
        text: Set(body),
        rule_code: Set(input.rule),
        // An encrypted motion is a secret one whose ballots the server cannot read.
        ballot: Set(match input.ballot {
            BallotKind::Encrypted => BallotKind::Secret,
            b => b,
        }),
        encrypted: Set(input.ballot == BallotKind::Encrypted),
        kind: Set(MotionKind::Motion),
        seats: Set(None),
        mode: Set(None),
        status: Set(MotionStatus::Draft),
        opened_at: Set(None),
        closed_at: Set(None),
        result: Set(None),
    }
    .insert(&txn)
    .await?;
    if m.encrypted {
        encrypted::create_for(&txn, m.id, board).await?;
    }
    let entry = audit::record(&txn, Some(board), "assembly.motion.add", "motion", &m.id.to_string(), Value::Null,
        json!({ "assemblyId": a.id, "item": item.number, "text": m.text, "rule": m.rule_code, "ballot": ballot_kind(&m).as_str() })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(a)
}

pub async fn find_motion<C: ConnectionTrait>(
    conn: &C,
    id: MotionId,
) -> DomainResult<motion::Model> {
    motion::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

pub async fn motions<C: ConnectionTrait>(
    conn: &C,
    assembly_id: AssemblyId,
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
    let r = majority_rule::Entity::find_by_id(code)
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
    let entry = audit::record(&txn, Some(admin.id), "assembly.rule.update", "majority_rule", r.code.as_str(), before,
        json!({ "quorum": [r.quorum_num, r.quorum_den], "majority": [r.majority_num, r.majority_den], "strict": r.strict })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(r)
}
