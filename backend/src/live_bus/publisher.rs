//! The publisher: one task per replica that writes what its channels sent to
//! `live_events` and notifies the listeners, in batches (a burst of votes is a few
//! statements). Senders never wait for it: the local subscribers already have the event.
//!
//! The row is written after the change committed, not inside its transaction: a replica
//! killed in between loses that live signal for the others (not the change; the next signal
//! carries the current figures, and pages reload what they show).

use sea_orm::sqlx::{self, PgPool};
use std::time::Duration;
use tokio::sync::mpsc;
use uuid::Uuid;

/// Most rows one statement writes.
const BATCH: usize = 500;
/// Attempts before a batch is given up (logged).
const ATTEMPTS: u32 = 4;

struct Outgoing {
    kind: &'static str,
    reference: String,
}

#[derive(Clone)]
pub(super) struct Outbox(mpsc::UnboundedSender<Outgoing>);

impl Outbox {
    pub(super) fn push(&self, kind: &'static str, reference: String) {
        // Closed only when the runtime shuts down.
        let _ = self.0.send(Outgoing { kind, reference });
    }
}

pub(super) fn start(pool: PgPool, origin: Uuid) -> Outbox {
    let (tx, mut rx) = mpsc::unbounded_channel::<Outgoing>();
    tokio::spawn(async move {
        let origin = origin.to_string();
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            if rx.recv_many(&mut batch, BATCH).await == 0 {
                break;
            }
            let (kinds, refs): (Vec<String>, Vec<String>) = batch
                .drain(..)
                .map(|o| (o.kind.to_owned(), o.reference))
                .unzip();
            let mut wait = Duration::from_millis(100);
            for attempt in 1..=ATTEMPTS {
                match write(&pool, &origin, &kinds, &refs).await {
                    Ok(()) => break,
                    Err(e) if attempt == ATTEMPTS => {
                        tracing::error!(error = %e, events = kinds.len(),
                            "live events not handed to the other replicas");
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "live events: retrying");
                        tokio::time::sleep(wait).await;
                        wait *= 4;
                    }
                }
            }
        }
    });
    Outbox(tx)
}

/// One statement: the rows, then a notification carrying the highest id. Both take effect
/// at its commit, so a listener woken by the notification finds the rows.
async fn write(
    pool: &PgPool,
    origin: &str,
    kinds: &[String],
    refs: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "WITH ins AS (
             INSERT INTO live_events (kind, reference, origin)
             SELECT k, r, $3 FROM unnest($1::text[], $2::text[]) AS t(k, r)
             RETURNING id)
         SELECT pg_notify('constellation_live', max(id)::text) FROM ins",
    )
    .bind(kinds)
    .bind(refs)
    .bind(origin)
    .execute(pool)
    .await?;
    Ok(())
}
