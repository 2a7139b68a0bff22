//! Archiving a Lab: the Lab closes (labs) and its pending resource requests are withdrawn
//! (resources), in one transaction.

use crate::domain::core::audit;
use crate::domain::labs;
use crate::domain::resources::requests;
use crate::domain::{Actor, DomainResult, Env};
use crate::entities::lab;
use constellation_shared::ids::LabId;

pub async fn archive(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
    reason: &str,
) -> DomainResult<lab::Model> {
    actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let (updated, entry) = labs::archive_in(&txn, actor, lab_id, reason).await?;
    requests::withdraw_pending_of_lab(&txn, lab_id).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}
