//! A person's own profile and password changes.

use super::*;

pub async fn update_profile(
    env: &Env,
    actor: &Actor,
    input: ProfileInput,
) -> DomainResult<user::Model> {
    let me = actor.user()?;
    let name = input
        .display_name
        .as_deref()
        .map(DisplayName::parse)
        .transpose()?;
    let current = find_active(env, me.id)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    let before = public_view(&current);
    let mut am = current.into_active_model();
    if let Some(n) = name {
        am.display_name = Set(n.0);
    }
    if let Some(l) = input.language {
        am.language = Set(l);
    }
    am.updated_at = Set(chrono::Utc::now());
    let txn = env.begin_write().await?;
    let updated = am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "account.update_profile",
        "user",
        &me.id.to_string(),
        before,
        public_view(&updated),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}

pub async fn change_password(
    env: &Env,
    actor: &Actor,
    current_password: &str,
    new_password: &str,
) -> DomainResult<()> {
    let me = actor.user()?;
    let current = find_active(env, me.id)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    let acct_key = rate_limit::account_key(&current.email_normalized);
    let pw = NewPassword::parse("newPassword", new_password, Some(&current.email_normalized))?;
    let attempt = rate_limit::attempt(env, &[(&acct_key, env.limits.per_account)]).await?;
    if verify(current_password, Some(current.password_hash.clone())).await? {
        rate_limit::withdraw(env, &attempt, None).await?;
    } else {
        return Err(DomainError::invalid(
            "currentPassword",
            ValidationReason::Invalid,
        ));
    }
    let hashed = hash(pw).await?;
    // Every session, this one included, ends: whoever knew the old password is out.
    let version = current.token_version.saturating_add(1);
    let mut am = current.into_active_model();
    am.password_hash = Set(hashed);
    am.token_version = Set(version);
    am.updated_at = Set(chrono::Utc::now());
    let txn = env.begin_write().await?;
    am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "account.change_password",
        "user",
        &me.id.to_string(),
        Value::Null,
        Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(())
}
