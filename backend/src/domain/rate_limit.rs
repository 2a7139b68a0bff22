//! Login rate limiting: failed attempts counted per account and per client address over a
//! sliding window, in the database so that replicas share the count.

use super::{DomainError, DomainResult, Env};
use crate::entities::login_attempt;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

pub fn account_key(email_normalized: &str) -> String {
    format!("acct:{email_normalized}")
}

pub fn address_key(ip: &str) -> String {
    format!("ip:{ip}")
}

fn window_start(env: &Env) -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now() - chrono::Duration::seconds(env.limits.window_seconds)
}

/// `RateLimited` when either key has reached its limit in the window.
pub async fn check(env: &Env, account: &str, address: Option<&str>) -> DomainResult<()> {
    let since = window_start(env);
    let count = |key: String| {
        login_attempt::Entity::find()
            .filter(login_attempt::Column::Key.eq(key))
            .filter(login_attempt::Column::At.gt(since))
            .count(&env.db)
    };
    if count(account.to_owned()).await? >= u64::from(env.limits.per_account) {
        return Err(DomainError::RateLimited);
    }
    if let Some(addr) = address {
        if count(addr.to_owned()).await? >= u64::from(env.limits.per_address) {
            return Err(DomainError::RateLimited);
        }
    }
    Ok(())
}

pub async fn record_failure(env: &Env, keys: &[&str]) -> DomainResult<()> {
    let now = chrono::Utc::now();
    let rows = keys.iter().map(|k| login_attempt::ActiveModel {
        id: Set(Uuid::new_v4()),
        key: Set((*k).to_owned()),
        at: Set(now),
    });
    login_attempt::Entity::insert_many(rows)
        .exec_without_returning(&env.db)
        .await?;
    // Old rows are useless; drop them as we go.
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::At.lt(window_start(env)))
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
