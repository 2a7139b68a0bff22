//! Registering, logging in and signing out everywhere, with the first-admin claim and the
//! rule for when a change of roles ends a person's sessions.

use super::*;

/// Creates an account. The first account on an empty database becomes admin, board member
/// and effective member; everyone else starts as a sympathiser until an admin says otherwise.
/// Registrations are counted per client address (`register_max_per_address` in the window).
pub async fn register(
    env: &Env,
    input: RegisterInput,
    address: Option<&str>,
) -> DomainResult<user::Model> {
    let email = Email::parse(&input.email)?;
    let name = DisplayName::parse(&input.display_name)?;
    let pw = NewPassword::parse("password", &input.password, Some(&email.normalized))?;
    if let Some(ip) = address {
        let key = rate_limit::registration_key(ip);
        let _counted =
            rate_limit::attempt(env, &[(&key, env.limits.registrations_per_address)]).await?;
    }
    let language = input.language.unwrap_or_default();
    // Cheap early answer; the unique index is what actually decides.
    if user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(&email.normalized))
        .count(&env.db)
        .await?
        > 0
    {
        return Err(DomainError::EmailTaken);
    }
    let hash = hash(pw).await?;
    let txn = env.begin_write().await?;
    let first = claim_first_admin(&txn).await?;
    let now = chrono::Utc::now();
    let model = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(email.display),
        email_normalized: Set(email.normalized),
        display_name: Set(name.0),
        password_hash: Set(hash),
        membership_kind: Set(if first {
            MembershipKind::Effective
        } else {
            MembershipKind::Sympathizer
        }),
        is_board: Set(first),
        is_admin: Set(first),
        language: Set(language),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        token_version: Set(0),
        email_verified_at: Set(None),
    }
    .insert(&txn)
    .await
    .on_unique(EMAIL_UNIQUE, DomainError::EmailTaken)?;
    recovery::enqueue_verification(&txn, &env.reach, &model).await?;
    let entry = audit::record(
        &txn,
        Some(model.id),
        "account.register",
        "user",
        &model.id.to_string(),
        Value::Null,
        public_view(&model),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    env.mail_wake.notify_one();
    Ok(model)
}

/// True exactly once per database, and only while it holds no account.
pub(super) async fn claim_first_admin<C: ConnectionTrait>(conn: &C) -> DomainResult<bool> {
    if user::Entity::find().count(conn).await? > 0 {
        return Ok(false);
    }
    let inserted = platform_flag::Entity::insert(platform_flag::ActiveModel {
        name: Set(FIRST_ADMIN_FLAG.to_owned()),
        set_at: Set(chrono::Utc::now()),
    })
    .on_conflict(
        OnConflict::column(platform_flag::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(inserted == 1)
}

/// Checks the password and returns the account. Failures are counted per account and per
/// address; past the limit, even a right password is refused until the window passes.
pub async fn login(
    env: &Env,
    email: &str,
    password: &str,
    address: Option<&str>,
) -> DomainResult<user::Model> {
    let normalized = email.trim().to_lowercase();
    // No address is that long; refusing here keeps megabyte keys out of the counters.
    if normalized.chars().count() > EMAIL_MAX_CHARS {
        return Err(DomainError::InvalidCredentials);
    }
    let acct_key = rate_limit::account_key(&normalized);
    let addr_key = address.map(rate_limit::address_key);
    let mut keys = vec![(acct_key.as_str(), env.limits.per_account)];
    if let Some(k) = addr_key.as_deref() {
        keys.push((k, env.limits.per_address));
    }
    // Counted before the password is checked: simultaneous guesses count one each.
    let attempt = rate_limit::attempt(env, &keys).await?;
    let found = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(&normalized))
        .filter(user::Column::DeletedAt.is_null())
        .one(&env.db)
        .await?;
    let ok = verify(password, found.as_ref().map(|u| u.password_hash.clone())).await?;
    match found {
        Some(u) if ok => {
            rate_limit::clear(env, &acct_key).await?;
            if let Some(k) = addr_key.as_deref() {
                rate_limit::withdraw(env, &attempt, Some(k)).await?;
            }
            let entry = audit::record(
                &env.db,
                Some(u.id),
                "account.login",
                "user",
                &u.id.to_string(),
                Value::Null,
                Value::Null,
            )
            .await?;
            audit::publish(env, [entry]);
            Ok(u)
        }
        _ => Err(DomainError::InvalidCredentials),
    }
}

/// Whether a role change lowers the membership kind or removes the board or admin flag.
pub fn loses_a_right(
    current: &user::Model,
    kind: Option<MembershipKind>,
    is_board: Option<bool>,
    is_admin: Option<bool>,
) -> bool {
    let rank = |k: MembershipKind| match k {
        MembershipKind::Effective => 2,
        MembershipKind::Adherent => 1,
        MembershipKind::Sympathizer => 0,
    };
    kind.is_some_and(|k| rank(k) < rank(current.membership_kind))
        || (is_board == Some(false) && current.is_board)
        || (is_admin == Some(false) && current.is_admin)
}

/// Ends every session of the caller's account, on every device, this one included.
pub async fn sign_out_everywhere(env: &Env, actor: &Actor) -> DomainResult<()> {
    let me = actor.user()?;
    let current = find_active(env, me.id)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    let version = current.token_version.saturating_add(1);
    let mut am = current.into_active_model();
    am.token_version = Set(version);
    let txn = env.begin_write().await?;
    am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "account.sign_out_everywhere",
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
