//! Elections of people (issue 15): a motion of kind `ELECTION` fills `seats` seats from the
//! candidates who accepted to stand (`candidacy`). Voters approve up to `seats` candidates, or
//! mark yes / no / abstain on each, as the statutes say (`mode`); open, secret or encrypted
//! ballot (encrypted with approval only: the encrypted question is "between 0 and `seats` of
//! these"). Every candidate needs the election's majority rule on their own counts, then the
//! seats go to the most approved (`constellation_shared::rules::election`); ties at the last
//! seats are reported, never broken. The counting and the stored result are in `result`.
//!
//! One ballot per member and election is the participation's primary key, for every ballot
//! kind; the eligibility and proxy rules are those of motions (`votes`).
//!
//! Uses: `assemblies` (motions, editing rights), `votes` (the writer, closing), `encrypted`.

mod candidacy;
mod marks;
mod result;

pub use candidacy::{accept_candidacy, propose_candidate, withdraw_candidacy};
pub use marks::{check_marks, counts, insert_marks, shuffle_marks};
pub use result::{decide_election, explain, StoredElection};

use super::agenda::{editable, frozen};
use crate::domain::core::parse::text;
use crate::domain::{core::audit, DomainError, DomainResult};
use crate::domain::{Actor, Env};
use crate::entities::agenda_item;
use crate::entities::{assembly, motion, motion_candidate};
use constellation_shared::dto::assemblies::{
    BallotKind, ElectionInput, ElectionMode, MotionKind, MotionStatus,
};
use constellation_shared::ids::{ItemId, MotionId};
use constellation_shared::ValidationReason;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// Most seats an election fills, and most candidates on its ballot.
pub const MAX_SEATS: i32 = 50;
pub const MAX_CANDIDATES: usize = 100;

pub fn is_election(m: &motion::Model) -> bool {
    m.kind == MotionKind::Election
}

pub fn mode_of(m: &motion::Model) -> ElectionMode {
    m.mode.unwrap_or(ElectionMode::Approval)
}

pub fn seats_of(m: &motion::Model) -> u32 {
    m.seats.unwrap_or(1).max(1) as u32
}

/// The board adds an election to an agenda item, as a draft.
pub async fn add_election(
    env: &Env,
    actor: &Actor,
    item_id: ItemId,
    input: ElectionInput,
) -> DomainResult<assembly::Model> {
    let body = text("text", &input.text, true, 10_000)?;
    if !(1..=MAX_SEATS).contains(&input.seats) {
        return Err(DomainError::invalid("seats", ValidationReason::Invalid));
    }
    if input.ballot == BallotKind::Encrypted && input.mode != ElectionMode::Approval {
        return Err(DomainError::invalid("mode", ValidationReason::Invalid));
    }
    let txn = env.begin_write().await?;
    let item = agenda_item::Entity::find_by_id(item_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let (a, board) = editable(&txn, actor, item.assembly_id).await?;
    if frozen(&a, &item) {
        return Err(DomainError::AgendaFrozen);
    }
    let encrypted = input.ballot == BallotKind::Encrypted;
    let m = motion::ActiveModel {
        id: Set(MotionId::now_v7()),
        assembly_id: Set(a.id),
        item_id: Set(item_id),
        text: Set(body),
        rule_code: Set(input.rule),
        ballot: Set(if encrypted {
            BallotKind::Secret
        } else {
            input.ballot
        }),
        status: Set(MotionStatus::Draft),
        opened_at: Set(None),
        closed_at: Set(None),
        result: Set(None),
        encrypted: Set(encrypted),
        kind: Set(MotionKind::Election),
        seats: Set(Some(input.seats)),
        mode: Set(Some(input.mode)),
    }
    .insert(&txn)
    .await?;
    if encrypted {
        crate::domain::assemblies::encrypted::create_for(&txn, m.id, board).await?;
    }
    let entry = audit::record(
        &txn,
        Some(board),
        "assembly.election.add",
        "motion",
        &m.id.to_string(),
        Value::Null,
        json!({ "assemblyId": a.id, "item": item.number, "text": m.text, "rule": m.rule_code,
            "ballot": input.ballot.as_str(), "seats": input.seats, "mode": input.mode.as_str() }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(a)
}

/// Every candidacy of an election, in ballot order.
pub async fn candidates<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
) -> DomainResult<Vec<motion_candidate::Model>> {
    Ok(motion_candidate::Entity::find()
        .filter(motion_candidate::Column::MotionId.eq(motion_id))
        .order_by_asc(motion_candidate::Column::Position)
        .all(conn)
        .await?)
}

/// The candidates of several elections, each in ballot order (the motions' DataLoader).
pub async fn candidates_for<C: ConnectionTrait>(
    conn: &C,
    motion_ids: &[MotionId],
) -> DomainResult<std::collections::HashMap<MotionId, Vec<motion_candidate::Model>>> {
    let mut out: std::collections::HashMap<MotionId, Vec<motion_candidate::Model>> =
        motion_ids.iter().map(|id| (*id, Vec::new())).collect();
    for c in motion_candidate::Entity::find()
        .filter(motion_candidate::Column::MotionId.is_in(motion_ids.iter().copied()))
        .order_by_asc(motion_candidate::Column::MotionId)
        .order_by_asc(motion_candidate::Column::Position)
        .all(conn)
        .await?
    {
        out.entry(c.motion_id).or_default().push(c);
    }
    Ok(out)
}

/// The candidates on the ballot (accepted), in ballot order.
pub async fn ballot_candidates<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
) -> DomainResult<Vec<Uuid>> {
    Ok(candidates(conn, motion_id)
        .await?
        .into_iter()
        .filter(|c| c.accepted_at.is_some())
        .map(|c| c.user_id)
        .collect())
}

/// Before voting opens on an election: someone stands. Encrypted: the question is made from
/// the candidates now on the ballot.
pub async fn before_opening<C: ConnectionTrait>(conn: &C, m: &motion::Model) -> DomainResult<()> {
    let on_ballot = ballot_candidates(conn, m.id).await?;
    if on_ballot.is_empty() {
        return Err(DomainError::InvalidTransition(
            "an election opens with at least one accepted candidate",
        ));
    }
    if m.encrypted {
        let question = constellation_shared::voting::Question::election(
            on_ballot.iter().map(Uuid::to_string).collect(),
            seats_of(m),
        );
        crate::domain::assemblies::encrypted::make_params(conn, m, question).await?;
    }
    Ok(())
}
