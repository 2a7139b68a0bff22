//! Deleting one's account, in one transaction: the last-admin rule (accounts), each Lab
//! keeps a coordinator and the memberships go (labs), barcamp registrations, interest and
//! organiser seats go (barcamp), then the account is anonymised (accounts). Governance
//! records stay, pointing at an anonymous account.

use crate::domain::core::audit;
use crate::domain::{accounts, barcamp, labs, Actor, DomainError, DomainResult, Env};

pub async fn delete_my_account(env: &Env, actor: &Actor, password: &str) -> DomainResult<()> {
    let me = actor.user()?;
    let current = accounts::find_active(env, me.id)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    accounts::check_password(&current, password).await?;
    let txn = env.begin_write().await?;
    accounts::ensure_not_last_admin(&txn, &current).await?;
    labs::members::erase_member(&txn, current.id).await?;
    barcamp::sessions::forget(&txn, current.id).await?;
    let entry = accounts::erase(&txn, current).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(())
}
