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
//!
//! This file holds the queue (`VoteQueue`, the jobs, the writer's health); beside it:
//! - `cast`: who may cast whose vote, and one vote in its own savepoint;
//! - `route`: which box a vote goes to, or why it is of the wrong kind;
//! - `ballots`: the secret ballot box (receipts, shuffling at closing);
//! - `tally`: majority rules, tally, turnout, the stored result;
//! - `writer`: the writer task and the batch commit;
//! - `open_close`: opening and closing voting on a motion;
//! - `privacy`: a member's assembly record for their export.

mod ballots;
mod cast;
mod open_close;
mod privacy;
mod route;
mod tally;
mod writer;

pub use self::ballots::receipts;
pub use self::cast::rights;
pub use self::open_close::{close_voting, decide_stored, open_voting, Closing};
pub use self::privacy::export;
pub use self::tally::{online_tally, rule_of, stored_result, tally, turnout, StoredResult};

use self::ballots::receipt;
use self::cast::cast_in;
use self::writer::write_loop;
use crate::domain::assemblies::is_effective;
use crate::domain::{core::audit, Actor, CurrentUser, DomainError, DomainResult};
use crate::entities::{audit_log, ballot_participation, motion, open_vote, proxy, secret_ballot};
use chrono::Utc;
use constellation_shared::dto::assemblies::{Choice, MotionStatus, ProxyStatus};
use constellation_shared::ids::{AssemblyId, MotionId};
use rand::seq::SliceRandom;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

/// What changed, for live pages (they read the figures they may see themselves).
#[derive(Clone, Debug)]
pub struct LiveSignal {
    pub assembly_id: AssemblyId,
    pub motion_id: Option<MotionId>,
    pub kind: &'static str,
}

pub struct Cast {
    pub motion_id: MotionId,
    pub member_id: Uuid,
    pub receipt: Option<String>,
}

/// What a job carries: a plain choice (open and secret ballots) or an encrypted ballot
/// already verified (`encrypted::verify_for_cast`).
enum Vote {
    Plain(Choice),
    /// An election ballot, checked: one mark per candidate on the ballot.
    Marks(Vec<(Uuid, Choice)>),
    Encrypted(crate::domain::assemblies::encrypted::VerifiedBallot),
}

struct Job {
    caster: CurrentUser,
    motion_id: MotionId,
    member_id: Uuid,
    vote: Vote,
    reply: oneshot::Sender<DomainResult<Cast>>,
}

/// Most votes one transaction carries.
const BATCH: usize = 512;

/// How long a caster waits for the writer before `UNAVAILABLE` (never a hang).
const REPLY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The writers' state, read by `/health`.
#[derive(Default)]
pub struct WriterHealth {
    expected: usize,
    running: AtomicUsize,
    restarts: AtomicU64,
    tasks: std::sync::Mutex<Vec<tokio::task::AbortHandle>>,
}

impl WriterHealth {
    /// Every writer task is running.
    pub fn healthy(&self) -> bool {
        self.running.load(Ordering::SeqCst) >= self.expected
    }

    pub fn restarts(&self) -> u64 {
        self.restarts.load(Ordering::Relaxed)
    }
}

#[derive(Clone)]
pub struct VoteQueue {
    tx: mpsc::Sender<Job>,
    health: Arc<WriterHealth>,
}

type Receiver = Arc<tokio::sync::Mutex<mpsc::Receiver<Job>>>;

impl VoteQueue {
    /// `batch`: most votes per transaction (1 = one commit per vote, for comparison).
    ///
    /// Each writer runs under a supervisor: a writer that dies (a panic, an abort) is
    /// restarted after a backoff (1 s, doubling to 30 s), and `/health` answers unhealthy
    /// meanwhile. The votes of the batch it was writing get `UNAVAILABLE` (their transaction
    /// rolled back unless it had committed; a retry then answers `ALREADY_VOTED`); votes
    /// queued meanwhile wait for the restart.
    pub fn start(
        db: DatabaseConnection,
        events: crate::live_bus::Channel<audit_log::Model>,
        live: crate::live_bus::Channel<LiveSignal>,
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
        let health = Arc::new(WriterHealth {
            expected: writers,
            ..Default::default()
        });
        let rx: Receiver = Arc::new(tokio::sync::Mutex::new(rx));
        for slot in 0..writers {
            let (db, events, live, rx) = (db.clone(), events.clone(), live.clone(), rx.clone());
            let health = health.clone();
            tokio::spawn(async move {
                let mut backoff = std::time::Duration::from_secs(1);
                loop {
                    let worker = tokio::spawn(write_loop(
                        db.clone(),
                        events.clone(),
                        live.clone(),
                        rx.clone(),
                        batch,
                    ));
                    if let Ok(mut tasks) = health.tasks.lock() {
                        tasks.retain(|t| !t.is_finished());
                        tasks.push(worker.abort_handle());
                    }
                    health.running.fetch_add(1, Ordering::SeqCst);
                    let ended = worker.await;
                    health.running.fetch_sub(1, Ordering::SeqCst);
                    match ended {
                        // The queue closed: the server is shutting down.
                        Ok(()) => break,
                        Err(e) => {
                            health.restarts.fetch_add(1, Ordering::Relaxed);
                            tracing::error!(
                                slot,
                                error = %e,
                                retry_in_ms = backoff.as_millis() as u64,
                                "the vote writer died; restarting it"
                            );
                            tokio::time::sleep(backoff).await;
                            backoff = (backoff * 2).min(std::time::Duration::from_secs(30));
                        }
                    }
                }
            });
        }
        Self { tx, health }
    }

    pub fn health(&self) -> &WriterHealth {
        &self.health
    }

    /// Fault injection for the supervision tests: aborts every writer task as a crash
    /// would (the batch in flight is dropped mid-transaction).
    #[doc(hidden)]
    pub fn kill_writers(&self) {
        if let Ok(tasks) = self.health.tasks.lock() {
            for t in tasks.iter() {
                t.abort();
            }
        }
    }

    /// Casts `choice` for `member_id` on `motion_id`; returns once durably recorded.
    pub async fn cast(
        &self,
        actor: &Actor,
        motion_id: MotionId,
        member_id: Uuid,
        choice: Choice,
    ) -> DomainResult<Cast> {
        self.enqueue(actor, motion_id, member_id, Vote::Plain(choice))
            .await
    }

    /// Casts an encrypted ballot (JSON, made in the voter's page) for `member_id`: every
    /// proof is checked before it is queued; the receipt is the ballot's tracker.
    pub async fn cast_encrypted(
        &self,
        db: &DatabaseConnection,
        actor: &Actor,
        motion_id: MotionId,
        member_id: Uuid,
        ballot_json: &str,
    ) -> DomainResult<Cast> {
        let caster = actor.user()?;
        if !is_effective(caster) {
            return Err(DomainError::Forbidden);
        }
        let m = motion::Entity::find_by_id(motion_id)
            .one(db)
            .await?
            .ok_or(DomainError::NotFound)?;
        if m.status != MotionStatus::Open {
            return Err(DomainError::VotingClosed);
        }
        let b = crate::domain::assemblies::encrypted::verify_for_cast(db, &m, ballot_json).await?;
        self.enqueue(actor, motion_id, member_id, Vote::Encrypted(b))
            .await
    }

    /// Casts an election ballot (open or secret ballot) for `member_id`.
    pub async fn cast_election(
        &self,
        db: &DatabaseConnection,
        actor: &Actor,
        motion_id: MotionId,
        member_id: Uuid,
        marks: &[(Uuid, Choice)],
    ) -> DomainResult<Cast> {
        let caster = actor.user()?;
        if !is_effective(caster) {
            return Err(DomainError::Forbidden);
        }
        let m = motion::Entity::find_by_id(motion_id)
            .one(db)
            .await?
            .ok_or(DomainError::NotFound)?;
        if !crate::domain::assemblies::elections::is_election(&m) || m.encrypted {
            return Err(DomainError::InvalidTransition(
                "marks are for elections on open or secret ballots",
            ));
        }
        if m.status != MotionStatus::Open {
            return Err(DomainError::VotingClosed);
        }
        // The candidates on the ballot are fixed once voting is open.
        let full = crate::domain::assemblies::elections::check_marks(db, &m, marks).await?;
        self.enqueue(actor, motion_id, member_id, Vote::Marks(full))
            .await
    }

    async fn enqueue(
        &self,
        actor: &Actor,
        motion_id: MotionId,
        member_id: Uuid,
        vote: Vote,
    ) -> DomainResult<Cast> {
        let caster = actor.user()?.clone();
        if !is_effective(&caster) {
            return Err(DomainError::Forbidden);
        }
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Job {
                caster,
                motion_id,
                member_id,
                vote,
                reply,
            })
            .await
            .map_err(|_| DomainError::Unavailable)?;
        match tokio::time::timeout(REPLY_TIMEOUT, rx).await {
            Ok(Ok(outcome)) => outcome,
            // The writer died with this vote in its batch.
            Ok(Err(_)) => Err(DomainError::Unavailable),
            Err(_) => {
                tracing::error!("the vote writer did not answer in time");
                Err(DomainError::Unavailable)
            }
        }
    }
}
