//! Deleting one's account, in one transaction: the last-admin rule (accounts), each Lab
//! keeps a coordinator and the memberships go (labs), no encrypted vote still waits for the
//! person as a trustee (assemblies), barcamp registrations, interest and
//! organiser seats go (barcamp), the register of members records the leaving (accounts),
//! then the account is anonymised (accounts). Governance records stay, pointing at an
//! anonymous account.

use crate::domain::core::audit;
use crate::domain::{
    accounts, assemblies, barcamp, labs, reach, transition, Actor, DomainError, DomainResult, Env,
};

pub async fn delete_my_account(env: &Env, actor: &Actor, password: &str) -> DomainResult<()> {
    let me = actor.user()?;
    let current = accounts::find_active(env, me.id)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    accounts::check_password(&current, password).await?;
    let txn = env.begin_write().await?;
    accounts::ensure_not_last_admin(&txn, &current).await?;
    // An encrypted vote still waiting for this trustee could never be counted (n-of-n).
    assemblies::encrypted::ensure_no_trustee_duty(&txn, current.id).await?;
    labs::members::erase_member(&txn, current.id).await?;
    barcamp::sessions::forget(&txn, current.id).await?;
    assemblies::proxies::end_for_deleted(&txn, current.id).await?;
    // Notifications, preferences and mail not yet sent are the person's own: they go.
    reach::inbox::forget(&txn, current.id).await?;
    // The poll answer and group seats go; services stay for the board to settle.
    transition::privacy::forget(&txn, current.id).await?;
    // The register of members is kept, as the law requires (CSA art. 9:3): the row stays with
    // its dates, the leaving date set to today if none was recorded, the address and note
    // blanked. Invitations sent to the address lose it. Both before the anonymisation,
    // which needs the account as it was.
    accounts::register::record_leaving(&txn, &current).await?;
    accounts::invitations::forget(&txn, &current).await?;
    let entry = accounts::erase(&txn, current).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(())
}
