//! `constellation backup FILE` and `constellation restore FILE`.
//!
//! SQLite: the backup is `VACUUM INTO`, an online, consistent copy taken in one read
//! transaction while the server keeps running (every commit acknowledged before it started
//! is in it; WAL mode lets writers go on meanwhile). A restore copies the file into place
//! and refuses to overwrite a database that holds accounts unless forced; run it with the
//! server stopped. PostgreSQL: `pg_dump` and `pg_restore` are the tools; we print the
//! commands rather than re-implement them.

use anyhow::{bail, Context};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::path::{Path, PathBuf};

/// What `backup` did.
pub enum Backup {
    Written(PathBuf),
    /// PostgreSQL: the command to run.
    UsePgDump(String),
}

/// The SQLite file behind a `sqlite://` URL.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://")?;
    Some(PathBuf::from(rest.split('?').next().unwrap_or(rest)))
}

pub async fn backup(db: &DatabaseConnection, url: &str, file: &Path) -> anyhow::Result<Backup> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(Backup::UsePgDump(format!(
            "pg_dump --format=custom --file={} '{url}'",
            file.display()
        )));
    }
    if file.exists() {
        bail!("{} exists already; choose a new file", file.display());
    }
    let target = file
        .to_str()
        .context("the backup path must be valid UTF-8")?;
    // A string literal in SQL: quotes doubled.
    let quoted = format!("'{}'", target.replace('\'', "''"));
    db.execute_raw(Statement::from_string(
        DbBackend::Sqlite,
        format!("VACUUM INTO {quoted}"),
    ))
    .await
    .context("VACUUM INTO failed")?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(Backup::Written(file.to_path_buf()))
}

/// Copies `file` (a backup) to the database `url` names. Refuses a non-empty target unless
/// `force`, and checks the file is a SQLite database first.
pub async fn restore(url: &str, file: &Path, force: bool) -> anyhow::Result<String> {
    let Some(target) = sqlite_path(url) else {
        return Ok(format!(
            "PostgreSQL: restore with pg_restore --clean --if-exists --dbname='{url}' {}",
            file.display()
        ));
    };
    let header = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    if !header.starts_with(b"SQLite format 3\0") {
        bail!("{} is not a SQLite database", file.display());
    }
    if target.exists() && !force && holds_accounts(url).await? {
        bail!(
            "{} already holds accounts; add --force to replace it (stop the server first)",
            target.display()
        );
    }
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written next to the target, then renamed over it: never a half-copied database.
    let partial = target.with_extension("db.restoring");
    std::fs::copy(file, &partial)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
    }
    std::fs::rename(&partial, &target)?;
    Ok(format!(
        "restored {} into {}",
        file.display(),
        target.display()
    ))
}

async fn holds_accounts(url: &str) -> anyhow::Result<bool> {
    let db = crate::db::connect(url).await?;
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'users'",
        ))
        .await?;
    let has_table = row
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .unwrap_or(0)
        > 0;
    if !has_table {
        return Ok(false);
    }
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT count(*) FROM users",
        ))
        .await?;
    Ok(row
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .unwrap_or(0)
        > 0)
}
