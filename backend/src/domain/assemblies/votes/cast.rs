//! Casting one vote: who may cast whose vote (`eligible`, `rights`), and the one-vote write
//! (`cast_in`) the writer falls back to, one savepoint per vote.

use crate::domain::assemblies::votes::ballots::receipt;
use crate::domain::assemblies::votes::route::{route, Route};
use crate::domain::assemblies::votes::{Cast, Job};
use crate::domain::{core::audit, DbResultExt, DomainError, DomainResult};
use crate::entities::{audit_log, ballot_participation, motion, open_vote, proxy, secret_ballot};
use chrono::Utc;
use constellation_shared::dto::assemblies::{BallotKind, Choice, MotionStatus, ProxyStatus};
use constellation_shared::ids::AssemblyId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, Set,
};
use serde_json::Value;
use uuid::Uuid;

/// May `caster` cast `member`'s vote in this assembly? Their own if present; a principal's
/// if they hold the principal's accepted proxy and the principal is not present.
async fn eligible<C: ConnectionTrait>(
    conn: &C,
    assembly_id: AssemblyId,
    caster: Uuid,
    member: Uuid,
) -> DomainResult<bool> {
    let here = crate::entities::attendance::Entity::find_by_id((assembly_id, caster))
        .one(conn)
        .await?
        .is_some();
    if !here {
        return Ok(false);
    }
    if caster == member {
        return Ok(true);
    }
    let p = crate::domain::assemblies::proxies::given_by(conn, assembly_id, member).await?;
    let member_here = crate::entities::attendance::Entity::find_by_id((assembly_id, member))
        .one(conn)
        .await?
        .is_some();
    let holds = p.is_some_and(|p| p.holder_id == caster && p.status == ProxyStatus::Accepted);
    if !holds || member_here {
        return Ok(false);
    }
    // A proxy carries a vote only while its principal is an effective member.
    Ok(
        crate::domain::assemblies::proxies::effective_among(conn, [member])
            .await?
            .contains(&member),
    )
}

pub(super) async fn cast_in(
    txn: &DatabaseTransaction,
    j: &Job,
) -> DomainResult<(Cast, AssemblyId, audit_log::Model)> {
    // PostgreSQL: a shared lock on the motion, so closing (an UPDATE) waits for the votes in
    // flight and no vote lands after the close.
    let mut q = motion::Entity::find_by_id(j.motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_shared();
    }
    let m = q.one(txn).await?.ok_or(DomainError::NotFound)?;
    if m.status != MotionStatus::Open {
        return Err(DomainError::VotingClosed);
    }
    // PostgreSQL: a proxy vote takes a shared lock on the assembly row, which a check-in
    // holds exclusively: the principal's check-in and the holder's vote for them are ordered,
    // and the vote reads the attendance as the check-in left it.
    if j.member_id != j.caster.id && txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        crate::entities::assembly::Entity::find_by_id(m.assembly_id)
            .lock_shared()
            .one(txn)
            .await?;
    }
    if !eligible(txn, m.assembly_id, j.caster.id, j.member_id).await? {
        return Err(DomainError::NotEligible);
    }
    let route = route(&j.vote, &m)?;
    let mut receipt_code = None;
    // One ballot per member: the participation's primary key (every election keeps one too).
    if route.participation() {
        ballot_participation::ActiveModel {
            motion_id: Set(m.id),
            member_id: Set(j.member_id),
            cast_by: Set(j.caster.id),
        }
        .insert(txn)
        .await
        .on_unique(&["ballot_participations"], DomainError::AlreadyVoted)?;
    }
    match &route {
        Route::Marks { marks, .. } => {
            crate::domain::assemblies::elections::insert_marks(
                txn,
                &m,
                j.member_id,
                j.caster.id,
                marks,
            )
            .await?;
            // No receipt: an election's marks are not published per ballot.
        }
        Route::Encrypted(b) => {
            crate::domain::assemblies::encrypted::insert_ballot(txn, m.id, b).await?;
            receipt_code = Some(b.tracker.clone());
        }
        Route::Secret(choice) => {
            let code = receipt();
            secret_ballot::ActiveModel {
                id: Set(Uuid::new_v4().to_string()),
                motion_id: Set(m.id),
                choice: Set(choice.as_str().to_owned()),
                receipt: Set(code.clone()),
            }
            .insert(txn)
            .await?;
            receipt_code = Some(code);
        }
        Route::Open(choice) => {
            open_vote::ActiveModel {
                motion_id: Set(m.id),
                member_id: Set(j.member_id),
                cast_by: Set(j.caster.id),
                choice: Set(*choice),
                cast_at: Set(Utc::now()),
            }
            .insert(txn)
            .await
            .on_unique(&["open_votes"], DomainError::AlreadyVoted)?;
        }
    }
    let after = route.audit(m.assembly_id, j.member_id);
    let entry = audit::record(
        txn,
        Some(j.caster.id),
        "assembly.vote",
        "motion",
        &m.id.to_string(),
        Value::Null,
        after,
    )
    .await?;
    Ok((
        Cast {
            motion_id: m.id,
            member_id: j.member_id,
            receipt: receipt_code,
        },
        m.assembly_id,
        entry,
    ))
}

/// The votes `caster` may cast on a motion: (member, own, already cast, open choice).
pub async fn rights<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
    caster: Uuid,
) -> DomainResult<Vec<(Uuid, bool, bool, Option<Choice>)>> {
    let mut members = vec![caster];
    for p in proxy::Entity::find()
        .filter(proxy::Column::AssemblyId.eq(m.assembly_id))
        .filter(proxy::Column::HolderId.eq(caster))
        .filter(proxy::Column::Status.eq(ProxyStatus::Accepted.as_str()))
        .all(conn)
        .await?
    {
        members.push(p.principal_id);
    }
    let mut out = Vec::new();
    for member in members {
        if !eligible(conn, m.assembly_id, caster, member).await? {
            continue;
        }
        let (cast, choice) = if m.ballot == BallotKind::Secret
            || crate::domain::assemblies::elections::is_election(m)
        {
            let done = ballot_participation::Entity::find_by_id((m.id, member))
                .one(conn)
                .await?
                .is_some();
            (done, None)
        } else {
            let v = open_vote::Entity::find_by_id((m.id, member))
                .one(conn)
                .await?;
            (v.is_some(), v.map(|v| v.choice))
        };
        out.push((member, member == caster, cast, choice));
    }
    Ok(out)
}
