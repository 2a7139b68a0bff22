//! Unlinking secret rows from their voters, the one way every secret box does it: at the
//! close, the rows are read, deleted and written back in a random order (with fresh ids
//! where the box has them) in the closing transaction, so no row keeps the insertion order
//! or, on PostgreSQL, the transaction id (`xmin`) it shared with its voter's participation
//! row; after the commit, `vacuum` drops the old row versions PostgreSQL still holds.
//! Used by secret ballots, encrypted ballots, secret election marks and anonymous polls.

use crate::domain::{DomainResult, Env};
use rand::seq::SliceRandom;
use sea_orm::{
    sea_query::SimpleExpr, ActiveModelTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter,
};

/// Rows written back per statement (well under SQLite's bound-parameter limit).
const CHUNK: usize = 200;

/// Rewrites the rows of `E` matching `filter` in a random order, each through `rewrite`
/// (which gives fresh ids where the table has them). Returns how many rows were rewritten.
pub async fn rewrite_shuffled<E, A, F>(
    txn: &DatabaseTransaction,
    filter: SimpleExpr,
    rewrite: F,
) -> DomainResult<usize>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
    F: Fn(&E::Model) -> A,
{
    let mut rows = E::find().filter(filter.clone()).all(txn).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    rows.shuffle(&mut rand::rng());
    E::delete_many().filter(filter).exec(txn).await?;
    for chunk in rows.chunks(CHUNK) {
        E::insert_many(chunk.iter().map(&rewrite)).exec(txn).await?;
    }
    Ok(rows.len())
}

/// After the closing commit, on PostgreSQL: drops the dead row versions of `table` (they
/// keep their writers' transaction ids). A failure is logged; the close stands.
pub async fn vacuum(env: &Env, table: &'static str) {
    if env.db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return;
    }
    if let Err(e) = env.db.execute_unprepared(&format!("VACUUM {table}")).await {
        tracing::warn!(error = %e, table, "could not vacuum a secret box");
    }
}
