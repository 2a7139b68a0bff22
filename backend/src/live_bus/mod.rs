//! Live events, across replicas. Each process has three local broadcast channels: audit
//! entries (`auditEvents`, `barcampChanges`), assembly signals (`assemblyLive`) and the
//! members whose bell rings (`notificationAdded`). A [`Channel`] sends to its local
//! subscribers at once. On PostgreSQL it also hands the event to the publisher, which writes
//! a `live_events` row and `NOTIFY constellation_live` with its id; every replica's listener
//! reads the rows the *other* replicas wrote (their origin is not its own, so nobody delivers
//! its own event twice) into its local channels. A listener whose connection drops
//! reconnects and reads back every id it has not seen. On SQLite one process serves the
//! database: the local channels are all there is.
//!
//! - `wire`: what a row says for each kind of event;
//! - `publisher`: the task writing rows and notifying;
//! - `listener`: `LISTEN`, the cursor over ids, reconnects, pruning.

mod listener;
mod publisher;
mod wire;

pub use self::wire::Wire;

use crate::domain::assemblies::votes::LiveSignal;
use crate::entities::audit_log;
use sea_orm::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sea_orm::sqlx::PgPool;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;
use uuid::Uuid;

/// The PostgreSQL channel every replica listens on.
pub const NOTIFY_CHANNEL: &str = "constellation_live";

/// A live feed: local subscribers, and on PostgreSQL the other replicas' too.
pub struct Channel<T> {
    local: broadcast::Sender<T>,
    out: Option<publisher::Outbox>,
}

impl<T> Clone for Channel<T> {
    fn clone(&self) -> Self {
        Self {
            local: self.local.clone(),
            out: self.out.clone(),
        }
    }
}

impl<T: Wire + Clone> Channel<T> {
    fn new(capacity: usize, out: Option<publisher::Outbox>) -> Self {
        let (local, _) = broadcast::channel(capacity);
        Self { local, out }
    }

    /// Delivers `event` to this process's subscribers now and hands it to the other
    /// replicas. Returns how many local subscribers got it (none is not an error).
    pub fn send(&self, event: T) -> usize {
        if let Some(out) = &self.out {
            out.push(T::KIND, event.reference());
        }
        self.local.send(event).unwrap_or(0)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<T> {
        self.local.subscribe()
    }
}

/// What `/health` says about the live feeds.
pub struct BusHealth {
    replica: String,
    postgres: bool,
    connected: AtomicBool,
    reconnects: AtomicU64,
}

impl BusHealth {
    /// This process's name (`replica_name`, or host and pid).
    pub fn replica(&self) -> &str {
        &self.replica
    }

    /// `in-process` (SQLite), `connected` or `disconnected`.
    pub fn listener(&self) -> &'static str {
        match (self.postgres, self.connected.load(Ordering::SeqCst)) {
            (false, _) => "in-process",
            (true, true) => "connected",
            (true, false) => "disconnected",
        }
    }

    /// Healthy unless a PostgreSQL listener is down (the replica then misses the others'
    /// events until it is back).
    pub fn healthy(&self) -> bool {
        !self.postgres || self.connected.load(Ordering::SeqCst)
    }

    /// Times the listener connected again after losing its connection.
    pub fn reconnects(&self) -> u64 {
        self.reconnects.load(Ordering::Relaxed)
    }
}

/// The three feeds and, on PostgreSQL, what the listener needs.
pub struct Bus {
    pub events: Channel<audit_log::Model>,
    pub live: Channel<LiveSignal>,
    pub notices: Channel<Uuid>,
    pub health: Arc<BusHealth>,
    remote: Option<Remote>,
}

/// How this replica reaches the others: its id in `live_events.origin`, a small pool of
/// its own (not the app's: a burst of votes never starves the feeds, and the app's
/// statement counts stay the app's), and where to connect the listener.
#[derive(Clone)]
struct Remote {
    origin: Uuid,
    pool: PgPool,
    /// The same pool, for sea-orm reads (audit entries).
    db: sea_orm::DatabaseConnection,
    listen: PgConnectOptions,
    retry: Duration,
}

impl Bus {
    /// On PostgreSQL (`database_url` `postgres://…`) starts the publisher; call
    /// [`Bus::start_listener`] once the server is about to serve.
    pub fn new(config: &crate::Config) -> anyhow::Result<Self> {
        let replica = config.replica();
        let health = Arc::new(BusHealth {
            replica: replica.clone(),
            postgres: config.is_postgres(),
            connected: AtomicBool::new(false),
            reconnects: AtomicU64::new(0),
        });
        let remote = if config.is_postgres() {
            let options: PgConnectOptions = config.database_url().parse()?;
            let name = |role: &str| {
                let mut n = format!("constellation-{role}:{replica}");
                // PostgreSQL keeps 63 bytes of it.
                while n.len() > 63 {
                    n.pop();
                }
                n
            };
            let pool = PgPoolOptions::new()
                .max_connections(2)
                .min_connections(0)
                .connect_lazy_with(options.clone().application_name(&name("bus")));
            Some(Remote {
                origin: Uuid::new_v4(),
                db: sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(pool.clone()),
                pool,
                listen: options.application_name(&name("listen")),
                retry: Duration::from_millis(config.live_retry_ms.max(10)),
            })
        } else {
            None
        };
        let out = remote
            .as_ref()
            .map(|r| publisher::start(r.pool.clone(), r.origin));
        Ok(Self {
            events: Channel::new(256, out.clone()),
            live: Channel::new(1024, out.clone()),
            notices: Channel::new(4096, out),
            health,
            remote,
        })
    }

    /// PostgreSQL: connects the listener (waiting for the first connection a few seconds at
    /// most, so a server that starts serving already hears the others) and keeps it
    /// connected. SQLite: nothing to do.
    pub async fn start_listener(&self) {
        let Some(r) = self.remote.clone() else {
            return;
        };
        let sinks = listener::Sinks {
            events: self.events.local.clone(),
            live: self.live.local.clone(),
            notices: self.notices.local.clone(),
        };
        let (ready, first) = tokio::sync::oneshot::channel();
        tokio::spawn(listener::run(r, sinks, self.health.clone(), ready));
        if tokio::time::timeout(Duration::from_secs(5), first)
            .await
            .is_err()
        {
            tracing::warn!("the live-event listener is not connected yet; retrying meanwhile");
        }
    }
}
