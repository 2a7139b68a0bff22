//! The assembly's life: the convocation (at least the legal delay before the date), opening
//! and closing the session.

use super::*;

async fn transition(
    env: &Env,
    actor: &Actor,
    id: AssemblyId,
    from: AssemblyStatus,
    to: AssemblyStatus,
    check: impl FnOnce(&assembly::Model) -> DomainResult<()>,
) -> DomainResult<assembly::Model> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let a = lock(&txn, id).await?;
    if a.status != from {
        return Err(DomainError::InvalidTransition("assembly status"));
    }
    check(&a)?;
    if to == AssemblyStatus::Closed {
        let open = motion::Entity::find()
            .filter(motion::Column::AssemblyId.eq(id))
            .filter(motion::Column::Status.eq(MotionStatus::Open.as_str()))
            .count(&txn)
            .await?;
        if open > 0 {
            return Err(DomainError::InvalidTransition("voting is still open"));
        }
    }
    let now = Utc::now();
    let mut am = a.clone().into_active_model();
    am.status = Set(to);
    match to {
        AssemblyStatus::Convened => am.convened_at = Set(Some(now)),
        AssemblyStatus::InSession => am.opened_at = Set(Some(now)),
        AssemblyStatus::Closed => am.closed_at = Set(Some(now)),
        AssemblyStatus::Draft => {}
    }
    let updated = am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        &format!("assembly.{}", to.as_str().to_lowercase()),
        "assembly",
        &id.to_string(),
        json!({ "status": a.status }),
        json!({ "status": updated.status }),
    )
    .await?;
    // The convocation goes out with the change that convenes: both or neither.
    let told = if to == AssemblyStatus::Convened {
        notices::convocation(&txn, env, &updated).await?
    } else {
        Default::default()
    };
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    let _ = env.live.send(crate::domain::assemblies::votes::LiveSignal {
        assembly_id: id,
        motion_id: None,
        kind: "SESSION",
    });
    Ok(updated)
}

/// Sends the convocation: the date must be at least the convocation delay away.
pub async fn convene(env: &Env, actor: &Actor, id: AssemblyId) -> DomainResult<assembly::Model> {
    let days = env.assembly.convocation_days;
    transition(
        env,
        actor,
        id,
        AssemblyStatus::Draft,
        AssemblyStatus::Convened,
        |a| {
            if a.starts_at < Utc::now() + chrono::Duration::days(days) {
                Err(DomainError::ConvocationTooLate)
            } else {
                Ok(())
            }
        },
    )
    .await
}

pub async fn open_session(
    env: &Env,
    actor: &Actor,
    id: AssemblyId,
) -> DomainResult<assembly::Model> {
    transition(
        env,
        actor,
        id,
        AssemblyStatus::Convened,
        AssemblyStatus::InSession,
        |_| Ok(()),
    )
    .await
}

pub async fn close_session(
    env: &Env,
    actor: &Actor,
    id: AssemblyId,
) -> DomainResult<assembly::Model> {
    transition(
        env,
        actor,
        id,
        AssemblyStatus::InSession,
        AssemblyStatus::Closed,
        |_| Ok(()),
    )
    .await
}
