//! Connecting to SQLite or PostgreSQL and running migrations.

use constellation_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// SQL statements run through one connection pool, exposed on `/metrics` (and used by the
/// tests that check that a list's statement count does not grow with its length).
pub type StatementCounter = Arc<AtomicU64>;

/// Like [`connect`], counting every statement into `counter`.
pub async fn connect_counted(
    url: &str,
    max: Option<u32>,
    counter: StatementCounter,
) -> Result<DatabaseConnection, DbErr> {
    let mut db = connect_sized(url, max).await?;
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::Relaxed);
    });
    Ok(db)
}

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_sized(url, None).await
}

/// `max`: the PostgreSQL pool size (default 20); SQLite always uses a few connections.
pub async fn connect_sized(url: &str, max: Option<u32>) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30));
    if url.starts_with("sqlite") {
        // SQLite serialises writers; a few connections are enough and avoid lock storms.
        opts.max_connections(8).min_connections(1);
    } else {
        opts.max_connections(max.unwrap_or(20));
    }
    let db = Database::connect(opts).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared(
            "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;",
        )
        .await?;
    }
    Ok(db)
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
