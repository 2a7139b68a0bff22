//! Connecting to SQLite or PostgreSQL and running migrations.

use constellation_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
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
        // Per-connection settings go in the connect options, so that every pooled
        // connection has them (a PRAGMA run once reaches one connection only).
        opts.map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            o.journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .synchronous(SqliteSynchronous::Full)
        });
    } else {
        opts.max_connections(max.unwrap_or(20));
    }
    Database::connect(opts).await
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};

    async fn pragma(txn: &sea_orm::DatabaseTransaction, name: &str) -> i64 {
        let row = txn
            .query_one_raw(Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                format!("PRAGMA {name}"),
            ))
            .await
            .expect("pragma")
            .expect("row");
        row.try_get_by_index::<i64>(0).expect("value")
    }

    /// Every pooled connection has the settings, not only the first one.
    #[tokio::test]
    async fn every_sqlite_connection_gets_the_pragmas() {
        let path = std::env::temp_dir().join(format!("ct-pragmas-{}.db", uuid::Uuid::new_v4()));
        let db = connect(&format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .expect("connect");
        // Three transactions open at once hold three different connections.
        let a = db.begin().await.expect("a");
        let b = db.begin().await.expect("b");
        let c = db.begin().await.expect("c");
        for txn in [&a, &b, &c] {
            assert_eq!(pragma(txn, "foreign_keys").await, 1);
            assert_eq!(pragma(txn, "busy_timeout").await, 10_000);
            assert_eq!(pragma(txn, "synchronous").await, 2, "FULL");
        }
        drop((a, b, c));
        let _ = std::fs::remove_file(&path);
    }
}
