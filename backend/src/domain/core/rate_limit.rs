//! Rate limiting: attempts counted per key (an account, a client address, registrations
//! from an address) over a sliding window, in the database so that replicas share the count.
//!
//! An attempt is recorded *before* the work it guards and counted after: of N simultaneous
//! attempts, the k-th to be written sees at least k rows, so no more than the limit get
//! through however many arrive at once (check-then-record let them all pass the check).

use crate::domain::{DomainError, DomainResult, Env};
use crate::entities::login_attempt;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

pub fn account_key(email_normalized: &str) -> String {
    format!("acct:{email_normalized}")
}

pub fn address_key(ip: &str) -> String {
    format!("ip:{ip}")
}

pub fn registration_key(ip: &str) -> String {
    format!("reg:{ip}")
}

fn window_start(env: &Env) -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now() - chrono::Duration::seconds(env.limits.window_seconds)
}

/// The rows one attempt wrote, one per key.
#[must_use]
pub struct Attempt(Vec<(String, Uuid)>);

impl Attempt {
    /// The row written for `key`, to withdraw it when the attempt turns out fine.
    fn row(&self, key: &str) -> Option<Uuid> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, id)| *id)
    }
}

/// Records an attempt under every `(key, limit)`, then `RateLimited` when any key holds
/// more than its limit in the window (a refused attempt counts too).
pub async fn attempt(env: &Env, keys: &[(&str, u32)]) -> DomainResult<Attempt> {
    let now = chrono::Utc::now();
    let rows: Vec<(String, Uuid)> = keys
        .iter()
        .map(|(k, _)| ((*k).to_owned(), Uuid::new_v4()))
        .collect();
    login_attempt::Entity::insert_many(rows.iter().map(|(k, id)| login_attempt::ActiveModel {
        id: Set(*id),
        key: Set(k.clone()),
        at: Set(now),
    }))
    .exec_without_returning(&env.db)
    .await?;
    let attempt = Attempt(rows);
    let since = window_start(env);
    for (key, limit) in keys {
        let count = login_attempt::Entity::find()
            .filter(login_attempt::Column::Key.eq(*key))
            .filter(login_attempt::Column::At.gt(since))
            .count(&env.db)
            .await?;
        // The refused attempt keeps its rows: withdrawing them would let a crowd of
        // simultaneous guesses see each other's rows, all be refused, and leave no trace.
        if count > u64::from(*limit) {
            return Err(DomainError::RateLimited);
        }
    }
    // Old rows are useless; drop them as we go.
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::At.lt(since))
        .exec(&env.db)
        .await?;
    Ok(attempt)
}

/// Withdraws the attempt's row for `key` (every row when `None`).
pub async fn withdraw(env: &Env, attempt: &Attempt, key: Option<&str>) -> DomainResult<()> {
    let ids: Vec<Uuid> = match key {
        Some(k) => attempt.row(k).into_iter().collect(),
        None => attempt.0.iter().map(|(_, id)| *id).collect(),
    };
    if ids.is_empty() {
        return Ok(());
    }
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::Id.is_in(ids))
        .exec(&env.db)
        .await?;
    Ok(())
}

/// A successful login clears the account's failures (not the address's).
pub async fn clear(env: &Env, key: &str) -> DomainResult<()> {
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::Key.eq(key))
        .exec(&env.db)
        .await?;
    Ok(())
}
