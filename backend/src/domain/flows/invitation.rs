//! Following an invitation link: the account is created (`accounts::invitations::accept`)
//! and, in the same transaction, every Lab whose link it also was invites it
//! (`labs::invitations::arrived`). Here because it spans two contexts.

use crate::domain::core::audit;
use crate::domain::{accounts, labs, reach, DomainResult, Env};
use crate::entities::user;
use constellation_shared::Language;

pub async fn accept(
    env: &Env,
    token: &str,
    password: &str,
    display_name: Option<&str>,
    language: Option<Language>,
) -> DomainResult<user::Model> {
    let accounts::invitations::Accepted {
        txn,
        user,
        lab_invitations,
        entry,
    } = accounts::invitations::accept(env, token, password, display_name, language).await?;
    let mut entries = vec![entry];
    let mut told = Vec::new();
    for invitation in &lab_invitations {
        if let Some((e, t)) = labs::invitations::arrived(&txn, env, invitation, user.id).await? {
            entries.push(e);
            told.push(t);
        }
    }
    txn.commit().await?;
    audit::publish(env, entries);
    for t in told {
        reach::notify::announce(env, t);
    }
    Ok(user)
}
