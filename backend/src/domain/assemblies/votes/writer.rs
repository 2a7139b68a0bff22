//! The writer task: it takes the votes that arrived together and commits them in one
//! transaction (`write_batch`), each in its own savepoint, with a fast path when every vote
//! of the batch is valid (`fast_batch`).

use super::*;

/// One writer: takes what is queued (up to `batch`), writes it, again.
pub(super) async fn write_loop(
    db: DatabaseConnection,
    events: crate::live_bus::Channel<audit_log::Model>,
    live: crate::live_bus::Channel<LiveSignal>,
    rx: Receiver,
    batch: usize,
) {
    loop {
        let jobs = {
            let mut rx = rx.lock().await;
            let Some(first) = rx.recv().await else { break };
            let mut jobs = vec![first];
            while jobs.len() < batch {
                match rx.try_recv() {
                    Ok(j) => jobs.push(j),
                    Err(_) => break,
                }
            }
            jobs
        };
        write_batch(&db, &events, &live, jobs).await;
    }
}

async fn write_batch(
    db: &DatabaseConnection,
    events: &crate::live_bus::Channel<audit_log::Model>,
    live: &crate::live_bus::Channel<LiveSignal>,
    jobs: Vec<Job>,
) {
    // The fast path checks the whole batch with a few reads and writes it with a few bulk
    // inserts. If a bulk insert is refused (another server wrote one of these votes in the
    // meantime), everything is rolled back and the votes go one savepoint at a time.
    // Election ballots (several marks each) take the savepoint path, in the same single commit.
    if jobs.len() > 1 && !jobs.iter().any(|j| matches!(j.vote, Vote::Marks(_))) {
        match fast_batch(db, &jobs).await {
            Ok(outcomes) => {
                let mut signalled = std::collections::HashSet::new();
                for (j, r) in jobs.into_iter().zip(outcomes) {
                    if let Ok((_, assembly_id)) = &r {
                        if signalled.insert(j.motion_id) {
                            let _ = live.send(LiveSignal {
                                assembly_id: *assembly_id,
                                motion_id: Some(j.motion_id),
                                kind: "VOTE",
                            });
                        }
                    }
                    let _ = j.reply.send(r.map(|(c, _)| c));
                }
                return;
            }
            Err(e) => tracing::info!(error = ?e, "vote batch falls back to one savepoint per vote"),
        }
    }
    let txn = match db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
    {
        Ok(t) => t,
        Err(e) => {
            for j in jobs {
                let _ = j
                    .reply
                    .send(Err(DomainError::internal(format!("vote batch: {e}"))));
            }
            return;
        }
    };
    let mut outcomes = Vec::with_capacity(jobs.len());
    for j in &jobs {
        let r = match txn.begin().await {
            Ok(sp) => match cast_in(&sp, j).await {
                Ok(ok) => match sp.commit().await {
                    Ok(()) => Ok(ok),
                    Err(e) => Err(DomainError::from(e)),
                },
                Err(e) => {
                    let _ = sp.rollback().await;
                    Err(e)
                }
            },
            Err(e) => Err(DomainError::from(e)),
        };
        outcomes.push(r);
    }
    match txn.commit().await {
        Ok(()) => {
            let mut signalled = std::collections::HashSet::new();
            for (j, r) in jobs.into_iter().zip(outcomes) {
                if let Ok((cast, assembly_id, entry)) = r {
                    audit::publish_to(events, [entry]);
                    if signalled.insert(j.motion_id) {
                        let _ = live.send(LiveSignal {
                            assembly_id,
                            motion_id: Some(j.motion_id),
                            kind: "VOTE",
                        });
                    }
                    let _ = j.reply.send(Ok(cast));
                } else if let Err(e) = r {
                    let _ = j.reply.send(Err(e));
                }
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "vote batch failed to commit");
            for j in jobs {
                let _ = j
                    .reply
                    .send(Err(DomainError::internal("vote batch failed")));
            }
        }
    }
}

type Outcomes = Vec<DomainResult<(Cast, AssemblyId)>>;

/// Checks and writes a whole batch in one transaction: one read per table for the batch,
/// then bulk inserts. Returns each vote's outcome, or an error if the batch must be retried
/// vote by vote.
async fn fast_batch(db: &DatabaseConnection, jobs: &[Job]) -> DomainResult<Outcomes> {
    use crate::entities::attendance;
    use std::collections::{HashMap, HashSet};
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    let pg = txn.get_database_backend() == sea_orm::DbBackend::Postgres;
    let motion_ids: Vec<MotionId> = jobs
        .iter()
        .map(|j| j.motion_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut q = motion::Entity::find().filter(motion::Column::Id.is_in(motion_ids.clone()));
    if pg {
        q = q.lock_shared();
    }
    let motions: HashMap<MotionId, motion::Model> =
        q.all(&txn).await?.into_iter().map(|m| (m.id, m)).collect();
    let assemblies: Vec<AssemblyId> = motions
        .values()
        .map(|m| m.assembly_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    // PostgreSQL: when the batch carries proxy votes, a shared lock on their assemblies'
    // rows orders them with check-ins (which lock the row exclusively), so a principal who
    // checked in before this read takes their vote back, and one who checks in later waits.
    if pg && jobs.iter().any(|j| j.member_id != j.caster.id) {
        crate::entities::assembly::Entity::find()
            .filter(crate::entities::assembly::Column::Id.is_in(assemblies.clone()))
            .lock_shared()
            .all(&txn)
            .await?;
    }
    let present: HashSet<(AssemblyId, Uuid)> = attendance::Entity::find()
        .filter(attendance::Column::AssemblyId.is_in(assemblies.clone()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| (a.assembly_id, a.user_id))
        .collect();
    let accepted = proxy::Entity::find()
        .filter(proxy::Column::AssemblyId.is_in(assemblies))
        .filter(proxy::Column::Status.eq(ProxyStatus::Accepted.as_str()))
        .all(&txn)
        .await?;
    // A proxy carries a vote only while its principal is an effective member.
    let principals: HashSet<Uuid> = jobs
        .iter()
        .filter(|j| j.member_id != j.caster.id)
        .map(|j| j.member_id)
        .collect();
    let effective = crate::domain::assemblies::proxies::effective_among(&txn, principals).await?;
    let proxies: HashMap<(AssemblyId, Uuid), Uuid> = accepted
        .into_iter()
        .filter(|p| effective.contains(&p.principal_id))
        .map(|p| ((p.assembly_id, p.principal_id), p.holder_id))
        .collect();
    let members: Vec<Uuid> = jobs.iter().map(|j| j.member_id).collect();
    let mut taken: HashSet<(MotionId, Uuid)> = open_vote::Entity::find()
        .filter(open_vote::Column::MotionId.is_in(motion_ids.clone()))
        .filter(open_vote::Column::MemberId.is_in(members.clone()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|v| (v.motion_id, v.member_id))
        .collect();
    taken.extend(
        ballot_participation::Entity::find()
            .filter(ballot_participation::Column::MotionId.is_in(motion_ids))
            .filter(ballot_participation::Column::MemberId.is_in(members))
            .all(&txn)
            .await?
            .into_iter()
            .map(|p| (p.motion_id, p.member_id)),
    );

    let now = Utc::now();
    let (mut opens, mut parts, mut ballots, mut audits) = (vec![], vec![], vec![], vec![]);
    let mut sealed = vec![];
    let mut out = Vec::with_capacity(jobs.len());
    for j in jobs {
        let Some(m) = motions.get(&j.motion_id) else {
            out.push(Err(DomainError::NotFound));
            continue;
        };
        if m.status != MotionStatus::Open {
            out.push(Err(DomainError::VotingClosed));
            continue;
        }
        let a = m.assembly_id;
        let caster_here = present.contains(&(a, j.caster.id));
        let may = caster_here
            && (j.member_id == j.caster.id
                || (proxies.get(&(a, j.member_id)) == Some(&j.caster.id)
                    && !present.contains(&(a, j.member_id))));
        if !may {
            out.push(Err(DomainError::NotEligible));
            continue;
        }
        // A vote of the wrong kind is refused before it counts as this member's vote.
        let route = match route::route(&j.vote, m) {
            Ok(r) => r,
            Err(e) => {
                out.push(Err(e));
                continue;
            }
        };
        if !taken.insert((m.id, j.member_id)) {
            out.push(Err(DomainError::AlreadyVoted));
            continue;
        }
        if route.participation() {
            parts.push(ballot_participation::ActiveModel {
                motion_id: Set(m.id),
                member_id: Set(j.member_id),
                cast_by: Set(j.caster.id),
            });
        }
        let mut code = None;
        match &route {
            route::Route::Encrypted(b) => {
                sealed.push(crate::entities::encrypted_ballot::ActiveModel {
                    motion_id: Set(m.id),
                    tracker: Set(b.tracker.clone()),
                    credential: Set(b.credential.clone()),
                    ballot: Set(b.json.clone()),
                });
                code = Some(b.tracker.clone());
            }
            route::Route::Secret(choice) => {
                let r = receipt();
                ballots.push(secret_ballot::ActiveModel {
                    id: Set(Uuid::new_v4().to_string()),
                    motion_id: Set(m.id),
                    choice: Set(choice.as_str().to_owned()),
                    receipt: Set(r.clone()),
                });
                code = Some(r);
            }
            route::Route::Open(choice) => {
                opens.push(open_vote::ActiveModel {
                    motion_id: Set(m.id),
                    member_id: Set(j.member_id),
                    cast_by: Set(j.caster.id),
                    choice: Set(*choice),
                    cast_at: Set(now),
                });
            }
            // Batches with election ballots take the savepoint path (`write_batch`).
            route::Route::Marks { .. } => {
                return Err(DomainError::internal("election marks in the fast path"));
            }
        }
        let after = route.audit(a, j.member_id);
        audits.push(audit_log::ActiveModel {
            actor_id: Set(Some(j.caster.id)),
            action: Set("assembly.vote".to_owned()),
            target_type: Set("motion".to_owned()),
            target_id: Set(m.id.to_string()),
            at: Set(now),
            diff: Set(json!({ "before": Value::Null, "after": after }).to_string()),
            ..Default::default()
        });
        out.push(Ok((
            Cast {
                motion_id: m.id,
                member_id: j.member_id,
                receipt: code,
            },
            a,
        )));
    }
    // The ballot box is written in a random order, unrelated to the participations'.
    ballots.shuffle(&mut rand::rng());
    for chunk in opens.chunks(400) {
        open_vote::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    for chunk in parts.chunks(400) {
        ballot_participation::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    for chunk in sealed.chunks(200) {
        crate::entities::encrypted_ballot::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    for chunk in ballots.chunks(400) {
        secret_ballot::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    for chunk in audits.chunks(400) {
        audit_log::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(out)
}
