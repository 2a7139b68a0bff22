//! The listener: `LISTEN constellation_live` on a connection of its own, and on each
//! notification, read the rows past the cursor and deliver the other replicas' events to the
//! local channels. When the connection drops (PostgreSQL restarted, the connection was
//! terminated, the network failed), wait (`live_retry_ms`, doubling to 30 s), connect and
//! listen again, then read everything past the cursor: what was sent meanwhile arrives late
//! rather than never.
//!
//! Ids are handed out when a row is inserted, not when it commits, so a smaller id can
//! become visible after a larger one. The cursor keeps the ids it jumped over ("holes") for
//! a minute and asks for them again; an id that never shows up was rolled back.

use super::{wire, BusHealth, Remote, NOTIFY_CHANNEL};
use crate::domain::assemblies::votes::LiveSignal;
use crate::entities::audit_log;
use sea_orm::sqlx::postgres::{PgListener, PgPoolOptions};
use sea_orm::sqlx::{self, Row};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, oneshot};
use uuid::Uuid;

/// Rows read per query.
const PAGE: i64 = 1_000;
/// How long an id jumped over is asked for again.
const HOLE_TTL: Duration = Duration::from_secs(60);
/// Most holes remembered (the oldest are forgotten first).
const MAX_HOLES: usize = 10_000;
/// Longest wait between two connection attempts.
const MAX_RETRY: Duration = Duration::from_secs(30);
/// Rows older than this are deleted (a replica away longer misses them).
const KEEP: &str = "1 hour";

/// The local channels the other replicas' events go to.
pub(super) struct Sinks {
    pub events: broadcast::Sender<audit_log::Model>,
    pub live: broadcast::Sender<LiveSignal>,
    pub notices: broadcast::Sender<Uuid>,
}

/// Which ids were seen: everything up to `last`, except the holes.
#[derive(Debug)]
pub(super) struct Cursor {
    last: i64,
    holes: BTreeMap<i64, Instant>,
}

impl Cursor {
    pub(super) fn new(last: i64) -> Self {
        Self {
            last,
            holes: BTreeMap::new(),
        }
    }

    /// Whether a notification for `id` may bring something unseen.
    fn wants(&self, id: i64) -> bool {
        id > self.last || !self.holes.is_empty()
    }

    /// Records `id` as read; true the first time.
    pub(super) fn saw(&mut self, id: i64, now: Instant) -> bool {
        if id > self.last {
            let skipped = (id - self.last - 1).min(MAX_HOLES as i64);
            for hole in (id - skipped)..id {
                self.holes.insert(hole, now);
            }
            while self.holes.len() > MAX_HOLES {
                self.holes.pop_first();
            }
            self.last = id;
            true
        } else {
            self.holes.remove(&id).is_some()
        }
    }

    /// Forgets holes older than the TTL (rolled back, never coming).
    pub(super) fn expire(&mut self, now: Instant) {
        self.holes
            .retain(|_, since| now.duration_since(*since) < HOLE_TTL);
    }

    fn holes(&self) -> Vec<i64> {
        self.holes.keys().copied().collect()
    }
}

pub(super) async fn run(
    remote: Remote,
    sinks: Sinks,
    health: Arc<BusHealth>,
    ready: oneshot::Sender<()>,
) {
    let mut ready = Some(ready);
    let mut cursor: Option<Cursor> = None;
    let mut wait = remote.retry;
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    let mut ticks: u64 = 0;
    loop {
        match listen(&remote).await {
            Ok(mut listener) => {
                // Listening from here on: what is written now wakes us, what was written
                // before is read right below.
                let c = match cursor.take() {
                    Some(c) => Ok(c),
                    None => latest(&remote).await.map(Cursor::new),
                };
                let mut c = match c {
                    Ok(c) => c,
                    Err(e) => {
                        tracing::warn!(error = %e, "live events: cannot read the cursor");
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                };
                let caught_up = read_new(&remote, &mut c, &sinks).await;
                let again = ready.is_none();
                cursor = Some(c);
                if let Err(e) = caught_up {
                    tracing::warn!(error = %e, "live events: cannot read back missed events");
                } else {
                    health.connected.store(true, Ordering::SeqCst);
                    if again {
                        health.reconnects.fetch_add(1, Ordering::Relaxed);
                        tracing::info!("live events: listening again");
                    }
                    if let Some(tx) = ready.take() {
                        let _ = tx.send(());
                    }
                    wait = remote.retry;
                    if let Some(c) = cursor.as_mut() {
                        serve(&remote, &mut listener, c, &sinks, &mut tick, &mut ticks).await;
                    }
                    health.connected.store(false, Ordering::SeqCst);
                }
            }
            Err(e) => tracing::warn!(error = %e, "live events: cannot listen"),
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(MAX_RETRY);
    }
}

/// Delivers until the connection is lost.
async fn serve(
    remote: &Remote,
    listener: &mut PgListener,
    c: &mut Cursor,
    sinks: &Sinks,
    tick: &mut tokio::time::Interval,
    ticks: &mut u64,
) {
    let mut behind = false;
    loop {
        tokio::select! {
            n = listener.try_recv() => match n {
                Ok(Some(n)) => {
                    let mut top = n.payload().parse::<i64>().unwrap_or(i64::MAX);
                    while let Some(more) = listener.next_buffered() {
                        top = top.max(more.payload().parse::<i64>().unwrap_or(i64::MAX));
                    }
                    if behind || c.wants(top) {
                        behind = read_new(remote, c, sinks).await.map_err(|e| {
                            tracing::warn!(error = %e, "live events: read failed, retrying");
                        }).is_err();
                    }
                }
                Ok(None) => {
                    tracing::warn!("live events: the listening connection was lost");
                    return;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "live events: the listening connection failed");
                    return;
                }
            },
            _ = tick.tick() => {
                *ticks += 1;
                c.expire(Instant::now());
                if behind || !c.holes.is_empty() {
                    behind = read_new(remote, c, sinks).await.is_err();
                }
                // Every five minutes; each replica does it, which is harmless.
                if ticks.is_multiple_of(60) {
                    prune(remote).await;
                }
            }
        }
    }
}

/// A connection of its own (a pool of one, dropped with it), listening.
async fn listen(remote: &Remote) -> Result<PgListener, sqlx::Error> {
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .connect_with(remote.listen.clone())
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.eager_reconnect(false);
    listener.ignore_pool_close_event(true);
    listener.listen(NOTIFY_CHANNEL).await?;
    Ok(listener)
}

async fn latest(remote: &Remote) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT COALESCE(MAX(id), 0) AS id FROM live_events")
        .fetch_one(&remote.pool)
        .await?;
    row.try_get::<i64, _>("id")
}

struct Event {
    kind: String,
    reference: String,
}

/// Reads every row past the cursor (and the holes), delivering the other replicas' events.
async fn read_new(remote: &Remote, c: &mut Cursor, sinks: &Sinks) -> anyhow::Result<()> {
    loop {
        let rows = sqlx::query(
            "SELECT id, kind, reference, origin FROM live_events
             WHERE id > $1 OR id = ANY($2) ORDER BY id LIMIT $3",
        )
        .bind(c.last)
        .bind(c.holes())
        .bind(PAGE)
        .fetch_all(&remote.pool)
        .await?;
        let full = rows.len() as i64 == PAGE;
        let now = Instant::now();
        let origin = remote.origin.to_string();
        let mut events = Vec::new();
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let from: String = row.try_get("origin")?;
            if c.saw(id, now) && from != origin {
                events.push(Event {
                    kind: row.try_get("kind")?,
                    reference: row.try_get("reference")?,
                });
            }
        }
        deliver(remote, events, sinks).await?;
        if !full {
            return Ok(());
        }
    }
}

/// In id order; the audit entries are read in one query.
async fn deliver(remote: &Remote, events: Vec<Event>, sinks: &Sinks) -> anyhow::Result<()> {
    let audit_ids: Vec<i32> = events
        .iter()
        .filter(|e| e.kind == wire::AUDIT)
        .filter_map(|e| e.reference.parse().ok())
        .collect();
    let mut entries: HashMap<i32, audit_log::Model> = if audit_ids.is_empty() {
        HashMap::new()
    } else {
        audit_log::Entity::find()
            .filter(audit_log::Column::Id.is_in(audit_ids))
            .all(&remote.db)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect()
    };
    for e in events {
        // No subscriber is not an error.
        match e.kind.as_str() {
            wire::AUDIT => {
                if let Some(entry) = e.reference.parse().ok().and_then(|id| entries.remove(&id)) {
                    let _ = sinks.events.send(entry);
                }
            }
            wire::LIVE => {
                if let Some(s) = wire::live_signal(&e.reference) {
                    let _ = sinks.live.send(s);
                }
            }
            wire::NOTICE => {
                if let Ok(id) = Uuid::parse_str(&e.reference) {
                    let _ = sinks.notices.send(id);
                }
            }
            other => tracing::debug!(kind = other, "live events: unknown kind skipped"),
        }
    }
    Ok(())
}

async fn prune(remote: &Remote) {
    let sql = format!("DELETE FROM live_events WHERE at < now() - interval '{KEEP}'");
    if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(&remote.pool)
        .await
    {
        tracing::warn!(error = %e, "live events: pruning failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_committed_out_of_order_are_read_once_each() {
        let t = Instant::now();
        let mut c = Cursor::new(10);
        assert!(!c.saw(9, t), "before the start: already seen");
        // 12 commits before 11.
        assert!(c.saw(12, t));
        assert_eq!(c.holes(), vec![11]);
        assert!(c.wants(11), "a late notification is worth a read");
        assert!(!c.saw(12, t), "read twice, delivered once");
        assert!(c.saw(11, t));
        assert!(c.holes().is_empty());
        assert!(!c.wants(12));
        // A rolled-back id is asked for a minute, then forgotten.
        assert!(c.saw(14, t));
        assert_eq!(c.holes(), vec![13]);
        c.expire(t + HOLE_TTL);
        assert!(c.holes().is_empty());
        // A huge jump keeps a bounded number of holes.
        assert!(c.saw(14 + 2 * MAX_HOLES as i64, t));
        assert_eq!(c.holes.len(), MAX_HOLES);
    }
}
