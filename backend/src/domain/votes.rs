//! General assemblies, part three: voting. The chair opens and closes voting on a motion;
//! present effective members vote for themselves and once for each principal whose proxy they
//! hold. One vote per member and motion is a primary key.
//!
//! Votes go through one writer task that commits the votes that arrived together in one
//! transaction (group commit): a vote is acknowledged only after its transaction committed,
//! so an acknowledged vote survives a crash, and 2,000 voters at once cost a handful of
//! commits instead of 2,000. Each vote runs in its own savepoint, so one refused vote does
//! not undo the others.
//!
//! Secret ballots: the vote's transaction writes *that* the member took part
//! (`ballot_participations`) and an unlinked ballot (`secret_ballots`: random id, choice,
//! receipt — no voter, no time). Closing the vote rewrites the motion's ballots in a random
//! order within one transaction.

use super::assemblies::{self, is_effective, motion_status, status_of};
use super::{audit, Actor, CurrentUser, DbResultExt, DomainError, DomainResult};
use crate::entities::{
    audit_log, ballot_participation, majority_rule, motion, open_vote, proxy, secret_ballot,
};
use chrono::Utc;
use constellation_shared::dto::assembly::{
    AssemblyStatus, BallotKind, Choice, MotionStatus, ProxyStatus,
};
use constellation_shared::rules::majority::{self, Attendance, Fraction, Rule, Tally};
use constellation_shared::Language;
use rand::seq::SliceRandom;
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, QueryFilter, QuerySelect, Set, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use serde_json::{json, Value};
use tokio::sync::{broadcast, mpsc, oneshot};
use uuid::Uuid;

/// What changed, for live pages (they read the figures they may see themselves).
#[derive(Clone, Debug)]
pub struct LiveSignal {
    pub assembly_id: Uuid,
    pub motion_id: Option<Uuid>,
    pub kind: &'static str,
}

pub struct Cast {
    pub motion_id: Uuid,
    pub member_id: Uuid,
    pub receipt: Option<String>,
}

struct Job {
    caster: CurrentUser,
    motion_id: Uuid,
    member_id: Uuid,
    choice: Choice,
    reply: oneshot::Sender<DomainResult<Cast>>,
}

/// Most votes one transaction carries.
const BATCH: usize = 512;

#[derive(Clone)]
pub struct VoteQueue(mpsc::Sender<Job>);

impl VoteQueue {
    /// `batch`: most votes per transaction (1 = one commit per vote, for comparison).
    pub fn start(
        db: DatabaseConnection,
        events: broadcast::Sender<audit_log::Model>,
        live: broadcast::Sender<LiveSignal>,
        batch: usize,
    ) -> Self {
        let batch = batch.clamp(1, BATCH);
        let (tx, rx) = mpsc::channel::<Job>(8_192);
        // SQLite has one writer at a time anyway; PostgreSQL commits several batches at once,
        // so their commit waits overlap.
        let writers = match db.get_database_backend() {
            sea_orm::DbBackend::Postgres if batch > 1 => 4,
            _ => 1,
        };
        let rx = std::sync::Arc::new(tokio::sync::Mutex::new(rx));
        for _ in 0..writers {
            let (db, events, live, rx) = (db.clone(), events.clone(), live.clone(), rx.clone());
            tokio::spawn(async move {
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
            });
        }
        Self(tx)
    }

    /// Casts `choice` for `member_id` on `motion_id`; returns once durably recorded.
    pub async fn cast(
        &self,
        actor: &Actor,
        motion_id: Uuid,
        member_id: Uuid,
        choice: Choice,
    ) -> DomainResult<Cast> {
        let caster = actor.user()?.clone();
        if !is_effective(&caster) {
            return Err(DomainError::Forbidden);
        }
        let (reply, rx) = oneshot::channel();
        self.0
            .send(Job {
                caster,
                motion_id,
                member_id,
                choice,
                reply,
            })
            .await
            .map_err(|_| DomainError::internal("vote writer stopped"))?;
        rx.await
            .map_err(|_| DomainError::internal("vote writer dropped a vote"))?
    }
}

async fn write_batch(
    db: &DatabaseConnection,
    events: &broadcast::Sender<audit_log::Model>,
    live: &broadcast::Sender<LiveSignal>,
    jobs: Vec<Job>,
) {
    // The fast path checks the whole batch with a few reads and writes it with a few bulk
    // inserts. If a bulk insert is refused (another server wrote one of these votes in the
    // meantime), everything is rolled back and the votes go one savepoint at a time.
    if jobs.len() > 1 {
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

type Outcomes = Vec<DomainResult<(Cast, Uuid)>>;

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
    let motion_ids: Vec<Uuid> = jobs
        .iter()
        .map(|j| j.motion_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut q = motion::Entity::find().filter(motion::Column::Id.is_in(motion_ids.clone()));
    if pg {
        q = q.lock_shared();
    }
    let motions: HashMap<Uuid, motion::Model> =
        q.all(&txn).await?.into_iter().map(|m| (m.id, m)).collect();
    let assemblies: Vec<Uuid> = motions
        .values()
        .map(|m| m.assembly_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let present: HashSet<(Uuid, Uuid)> = attendance::Entity::find()
        .filter(attendance::Column::AssemblyId.is_in(assemblies.clone()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| (a.assembly_id, a.user_id))
        .collect();
    let proxies: HashMap<(Uuid, Uuid), Uuid> = proxy::Entity::find()
        .filter(proxy::Column::AssemblyId.is_in(assemblies))
        .filter(proxy::Column::Status.eq(ProxyStatus::Accepted.as_str()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| ((p.assembly_id, p.principal_id), p.holder_id))
        .collect();
    let members: Vec<Uuid> = jobs.iter().map(|j| j.member_id).collect();
    let mut taken: HashSet<(Uuid, Uuid)> = open_vote::Entity::find()
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
    let mut out = Vec::with_capacity(jobs.len());
    for j in jobs {
        let Some(m) = motions.get(&j.motion_id) else {
            out.push(Err(DomainError::NotFound));
            continue;
        };
        if motion_status(m) != MotionStatus::Open {
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
        if !taken.insert((m.id, j.member_id)) {
            out.push(Err(DomainError::AlreadyVoted));
            continue;
        }
        let secret = m.ballot == BallotKind::Secret.as_str();
        let mut code = None;
        if secret {
            parts.push(ballot_participation::ActiveModel {
                motion_id: Set(m.id),
                member_id: Set(j.member_id),
                cast_by: Set(j.caster.id),
            });
            let r = receipt();
            ballots.push(secret_ballot::ActiveModel {
                id: Set(Uuid::new_v4().to_string()),
                motion_id: Set(m.id),
                choice: Set(j.choice.as_str().to_owned()),
                receipt: Set(r.clone()),
            });
            code = Some(r);
        } else {
            opens.push(open_vote::ActiveModel {
                motion_id: Set(m.id),
                member_id: Set(j.member_id),
                cast_by: Set(j.caster.id),
                choice: Set(j.choice.as_str().to_owned()),
                cast_at: Set(now),
            });
        }
        let after = if secret {
            json!({ "assemblyId": a, "member": j.member_id })
        } else {
            json!({ "assemblyId": a, "member": j.member_id, "choice": j.choice.as_str() })
        };
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

fn receipt() -> String {
    let mut b = [0u8; 10];
    rand::rng().fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// May `caster` cast `member`'s vote in this assembly? Their own if present; a principal's
/// if they hold the principal's accepted proxy and the principal is not present.
async fn eligible<C: ConnectionTrait>(
    conn: &C,
    assembly_id: Uuid,
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
    let p = super::proxies::given_by(conn, assembly_id, member).await?;
    let member_here = crate::entities::attendance::Entity::find_by_id((assembly_id, member))
        .one(conn)
        .await?
        .is_some();
    Ok(
        p.is_some_and(|p| p.holder_id == caster && p.status == ProxyStatus::Accepted.as_str())
            && !member_here,
    )
}

async fn cast_in(
    txn: &DatabaseTransaction,
    j: &Job,
) -> DomainResult<(Cast, Uuid, audit_log::Model)> {
    // PostgreSQL: a shared lock on the motion, so closing (an UPDATE) waits for the votes in
    // flight and no vote lands after the close.
    let mut q = motion::Entity::find_by_id(j.motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_shared();
    }
    let m = q.one(txn).await?.ok_or(DomainError::NotFound)?;
    if motion_status(&m) != MotionStatus::Open {
        return Err(DomainError::VotingClosed);
    }
    if !eligible(txn, m.assembly_id, j.caster.id, j.member_id).await? {
        return Err(DomainError::NotEligible);
    }
    let secret = m.ballot == BallotKind::Secret.as_str();
    let mut receipt_code = None;
    if secret {
        ballot_participation::ActiveModel {
            motion_id: Set(m.id),
            member_id: Set(j.member_id),
            cast_by: Set(j.caster.id),
        }
        .insert(txn)
        .await
        .on_unique(&["ballot_participations"], DomainError::AlreadyVoted)?;
        let code = receipt();
        secret_ballot::ActiveModel {
            id: Set(Uuid::new_v4().to_string()),
            motion_id: Set(m.id),
            choice: Set(j.choice.as_str().to_owned()),
            receipt: Set(code.clone()),
        }
        .insert(txn)
        .await?;
        receipt_code = Some(code);
    } else {
        open_vote::ActiveModel {
            motion_id: Set(m.id),
            member_id: Set(j.member_id),
            cast_by: Set(j.caster.id),
            choice: Set(j.choice.as_str().to_owned()),
            cast_at: Set(Utc::now()),
        }
        .insert(txn)
        .await
        .on_unique(&["open_votes"], DomainError::AlreadyVoted)?;
    }
    // The audit says who voted for whom; the choice only for open ballots.
    let after = if secret {
        json!({ "assemblyId": m.assembly_id, "member": j.member_id })
    } else {
        json!({ "assemblyId": m.assembly_id, "member": j.member_id, "choice": j.choice.as_str() })
    };
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

// ---------------------------------------------------------------- opening and closing

pub async fn open_voting(env: &super::Env, actor: &Actor, motion_id: Uuid) -> DomainResult<Uuid> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let m = motion::Entity::find_by_id(motion_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let a = assemblies::lock(&txn, m.assembly_id).await?;
    if status_of(&a) != AssemblyStatus::InSession || motion_status(&m) != MotionStatus::Draft {
        return Err(DomainError::InvalidTransition(
            "voting opens on a draft motion in session",
        ));
    }
    let mut am = m.into_active_model();
    am.status = Set(MotionStatus::Open.as_str().to_owned());
    am.opened_at = Set(Some(Utc::now()));
    am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "assembly.voting.open",
        "motion",
        &motion_id.to_string(),
        Value::Null,
        json!({ "assemblyId": a.id }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    let _ = env.live.send(LiveSignal {
        assembly_id: a.id,
        motion_id: Some(motion_id),
        kind: "VOTING_OPENED",
    });
    Ok(a.id)
}

pub fn rule_of(r: &majority_rule::Model) -> Rule {
    Rule {
        quorum: (r.quorum_den > 0)
            .then(|| Fraction::new(r.quorum_num.max(0) as u32, r.quorum_den as u32)),
        majority: Fraction::new(r.majority_num.max(0) as u32, r.majority_den.max(1) as u32),
        strict: r.strict,
    }
}

/// Counts of a motion's ballots (open or secret), and how many took part.
pub async fn tally<C: ConnectionTrait>(conn: &C, m: &motion::Model) -> DomainResult<Tally> {
    let choices: Vec<String> = if m.ballot == BallotKind::Secret.as_str() {
        secret_ballot::Entity::find()
            .filter(secret_ballot::Column::MotionId.eq(m.id))
            .select_only()
            .column(secret_ballot::Column::Choice)
            .into_tuple()
            .all(conn)
            .await?
    } else {
        open_vote::Entity::find()
            .filter(open_vote::Column::MotionId.eq(m.id))
            .select_only()
            .column(open_vote::Column::Choice)
            .into_tuple()
            .all(conn)
            .await?
    };
    let mut t = Tally::default();
    for c in choices {
        match Choice::parse(&c) {
            Some(Choice::Yes) => t.yes += 1,
            Some(Choice::No) => t.no += 1,
            _ => t.abstain += 1,
        }
    }
    Ok(t)
}

/// The result stored at closing: counts, attendance, verdict.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredResult {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub members: u32,
    pub present_or_represented: u32,
    pub second_convocation: bool,
    pub verdict: String,
    pub passed: bool,
}

impl StoredResult {
    pub fn tally(&self) -> Tally {
        Tally {
            yes: self.yes,
            no: self.no,
            abstain: self.abstain,
        }
    }

    pub fn explain(&self, r: &majority_rule::Model, lang: Language) -> String {
        let name = if lang == Language::Fr {
            &r.name_fr
        } else {
            &r.name_en
        };
        majority::explain(
            &rule_of(r),
            name,
            self.tally(),
            Attendance {
                members: self.members,
                present_or_represented: self.present_or_represented,
            },
            self.second_convocation,
            lang,
        )
    }
}

pub fn stored_result(m: &motion::Model) -> Option<StoredResult> {
    m.result
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
}

/// Closes voting: no vote counts after this; the result is computed and kept; the secret
/// ballots are rewritten in a random order.
pub async fn close_voting(env: &super::Env, actor: &Actor, motion_id: Uuid) -> DomainResult<Uuid> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let mut q = motion::Entity::find_by_id(motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let m = q.one(&txn).await?.ok_or(DomainError::NotFound)?;
    if motion_status(&m) != MotionStatus::Open {
        return Err(DomainError::InvalidTransition("voting is not open"));
    }
    let a = assemblies::find(&txn, m.assembly_id).await?;
    let t = tally(&txn, &m).await?;
    let members = assemblies::effective_members(&txn).await? as u32;
    let present = super::proxies::present(&txn, a.id).await?.len() as u32;
    let represented = super::proxies::represented(&txn, a.id).await?.len() as u32;
    let rule = majority_rule::Entity::find_by_id(m.rule_code.clone())
        .one(&txn)
        .await?
        .ok_or(DomainError::internal("missing majority rule"))?;
    let second = a.first_convocation_id.is_some();
    let attendance = Attendance {
        members,
        present_or_represented: present + represented,
    };
    let outcome = majority::decide(&rule_of(&rule), t, attendance, second);
    let stored = StoredResult {
        yes: t.yes,
        no: t.no,
        abstain: t.abstain,
        members,
        present_or_represented: present + represented,
        second_convocation: second,
        verdict: format!("{:?}", outcome.verdict),
        passed: outcome.passed(),
    };
    if m.ballot == BallotKind::Secret.as_str() {
        shuffle_ballots(&txn, m.id).await?;
    }
    let mut am = m.into_active_model();
    am.status = Set(MotionStatus::Closed.as_str().to_owned());
    am.closed_at = Set(Some(Utc::now()));
    am.result = Set(Some(
        serde_json::to_string(&stored).map_err(DomainError::internal)?,
    ));
    am.update(&txn).await?;
    let entry = audit::record(&txn, Some(board.id), "assembly.voting.close", "motion", &motion_id.to_string(), Value::Null,
        json!({ "assemblyId": a.id, "yes": t.yes, "no": t.no, "abstain": t.abstain, "passed": stored.passed })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    // PostgreSQL keeps the old row versions (in arrival order) until vacuumed.
    if env.db.get_database_backend() == sea_orm::DbBackend::Postgres {
        if let Err(e) = env.db.execute_unprepared("VACUUM secret_ballots").await {
            tracing::warn!(error = %e, "could not vacuum the ballot box");
        }
    }
    let _ = env.live.send(LiveSignal {
        assembly_id: a.id,
        motion_id: Some(motion_id),
        kind: "VOTING_CLOSED",
    });
    Ok(a.id)
}

/// Rewrites a motion's ballots in a random order with fresh ids, in one transaction.
async fn shuffle_ballots(txn: &DatabaseTransaction, motion_id: Uuid) -> DomainResult<()> {
    let mut ballots = secret_ballot::Entity::find()
        .filter(secret_ballot::Column::MotionId.eq(motion_id))
        .all(txn)
        .await?;
    if ballots.is_empty() {
        return Ok(());
    }
    ballots.shuffle(&mut rand::rng());
    secret_ballot::Entity::delete_many()
        .filter(secret_ballot::Column::MotionId.eq(motion_id))
        .exec(txn)
        .await?;
    for chunk in ballots.chunks(500) {
        secret_ballot::Entity::insert_many(chunk.iter().map(|b| secret_ballot::ActiveModel {
            id: Set(Uuid::new_v4().to_string()),
            motion_id: Set(b.motion_id),
            choice: Set(b.choice.clone()),
            receipt: Set(b.receipt.clone()),
        }))
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// Published with a closed secret ballot: every receipt, sorted, without choices.
pub async fn receipts<C: ConnectionTrait>(conn: &C, motion_id: Uuid) -> DomainResult<Vec<String>> {
    let mut r: Vec<String> = secret_ballot::Entity::find()
        .filter(secret_ballot::Column::MotionId.eq(motion_id))
        .select_only()
        .column(secret_ballot::Column::Receipt)
        .into_tuple()
        .all(conn)
        .await?;
    r.sort();
    Ok(r)
}

/// How many have voted on a motion.
pub async fn turnout<C: ConnectionTrait>(conn: &C, m: &motion::Model) -> DomainResult<u32> {
    use sea_orm::PaginatorTrait;
    Ok(if m.ballot == BallotKind::Secret.as_str() {
        ballot_participation::Entity::find()
            .filter(ballot_participation::Column::MotionId.eq(m.id))
            .count(conn)
            .await?
    } else {
        open_vote::Entity::find()
            .filter(open_vote::Column::MotionId.eq(m.id))
            .count(conn)
            .await?
    } as u32)
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
        let (cast, choice) = if m.ballot == BallotKind::Secret.as_str() {
            let done = ballot_participation::Entity::find_by_id((m.id, member))
                .one(conn)
                .await?
                .is_some();
            (done, None)
        } else {
            let v = open_vote::Entity::find_by_id((m.id, member))
                .one(conn)
                .await?;
            (v.is_some(), v.and_then(|v| Choice::parse(&v.choice)))
        };
        out.push((member, member == caster, cast, choice));
    }
    Ok(out)
}

/// The person's assembly record for their export: attendance, proxies given and held, open
/// votes (their own and those they cast for others), and secret-ballot participation —
/// never a secret choice.
pub async fn export<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> DomainResult<(Value, Vec<super::export::Table>)> {
    use crate::entities::attendance;
    let present = attendance::Entity::find()
        .filter(attendance::Column::UserId.eq(user_id))
        .all(conn)
        .await?;
    let proxies = proxy::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(proxy::Column::PrincipalId.eq(user_id))
                .add(proxy::Column::HolderId.eq(user_id)),
        )
        .all(conn)
        .await?;
    let open = open_vote::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(open_vote::Column::MemberId.eq(user_id))
                .add(open_vote::Column::CastBy.eq(user_id)),
        )
        .all(conn)
        .await?;
    let secret = ballot_participation::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(ballot_participation::Column::MemberId.eq(user_id))
                .add(ballot_participation::Column::CastBy.eq(user_id)),
        )
        .all(conn)
        .await?;
    let json = json!({
        "attendance": present.iter().map(|a| json!({ "assembly": a.assembly_id, "checkedInAt": a.checked_in_at })).collect::<Vec<_>>(),
        "proxies": proxies.iter().map(|p| json!({ "assembly": p.assembly_id, "role": if p.principal_id == user_id { "GIVEN" } else { "HELD" }, "status": p.status })).collect::<Vec<_>>(),
        "openVotes": open.iter().map(|v| json!({ "motion": v.motion_id, "forMe": v.member_id == user_id, "castByMe": v.cast_by == user_id, "choice": v.choice, "at": v.cast_at })).collect::<Vec<_>>(),
        "secretBallotParticipation": secret.iter().map(|p| json!({ "motion": p.motion_id, "forMe": p.member_id == user_id, "castByMe": p.cast_by == user_id })).collect::<Vec<_>>(),
    });
    let tables = vec![
        super::export::Table {
            name: "assembly_attendance",
            columns: vec!["assembly", "checked_in_at"],
            rows: present
                .iter()
                .map(|a| vec![a.assembly_id.to_string(), a.checked_in_at.to_rfc3339()])
                .collect(),
        },
        super::export::Table {
            name: "assembly_open_votes",
            columns: vec!["motion", "for_me", "cast_by_me", "choice"],
            rows: open
                .iter()
                .map(|v| {
                    vec![
                        v.motion_id.to_string(),
                        (v.member_id == user_id).to_string(),
                        (v.cast_by == user_id).to_string(),
                        v.choice.clone(),
                    ]
                })
                .collect(),
        },
        super::export::Table {
            name: "assembly_secret_participation",
            columns: vec!["motion", "for_me", "cast_by_me"],
            rows: secret
                .iter()
                .map(|p| {
                    vec![
                        p.motion_id.to_string(),
                        (p.member_id == user_id).to_string(),
                        (p.cast_by == user_id).to_string(),
                    ]
                })
                .collect(),
        },
    ];
    Ok((json, tables))
}
