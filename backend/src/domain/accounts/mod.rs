//! Accounts: registration, login, profile, password, roles, deletion.

pub mod invitations;
pub mod recovery;
pub mod register;
pub mod roster;

use crate::auth::password;
use crate::domain::{
    core::audit, core::rate_limit, Actor, CurrentUser, DbResultExt, DomainError, DomainResult, Env,
};
use crate::entities::{audit_log, platform_flag, user};
use constellation_shared::dto::accounts::{ProfileInput, RegisterInput};
use constellation_shared::rules::{
    looks_like_email, DISPLAY_NAME_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
use constellation_shared::{Language, MembershipKind, ValidationReason};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

pub(crate) const EMAIL_UNIQUE: &[&str] = &["uq_users_email_normalized", "users.email_normalized"];
/// RFC 5321's limit on a forward path: no deliverable address is longer.
pub const EMAIL_MAX_CHARS: usize = 254;
const FIRST_ADMIN_FLAG: &str = "first_admin_granted";

/// An email address as given (trimmed) and its case-insensitive key.
pub struct Email {
    pub display: String,
    pub normalized: String,
}

impl Email {
    pub fn parse(raw: &str) -> DomainResult<Self> {
        let display = raw.trim().to_owned();
        if display.is_empty() {
            return Err(DomainError::invalid("email", ValidationReason::Required));
        }
        if !looks_like_email(&display) {
            return Err(DomainError::invalid("email", ValidationReason::EmailFormat));
        }
        if display.chars().count() > EMAIL_MAX_CHARS {
            return Err(DomainError::invalid("email", ValidationReason::TooLong));
        }
        let normalized = display.to_lowercase();
        Ok(Self {
            display,
            normalized,
        })
    }
}

pub struct DisplayName(pub String);

impl DisplayName {
    pub fn parse(raw: &str) -> DomainResult<Self> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(DomainError::invalid(
                "displayName",
                ValidationReason::Required,
            ));
        }
        if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
            return Err(DomainError::invalid(
                "displayName",
                ValidationReason::TooLong,
            ));
        }
        Ok(Self(name))
    }
}

pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(field: &'static str, raw: &str, email: Option<&str>) -> DomainResult<Self> {
        let n = raw.chars().count();
        if n < PASSWORD_MIN_CHARS {
            return Err(DomainError::invalid(
                field,
                ValidationReason::PasswordTooShort,
            ));
        }
        if n > PASSWORD_MAX_CHARS {
            return Err(DomainError::invalid(
                field,
                ValidationReason::PasswordTooLong,
            ));
        }
        if email.is_some_and(|e| e.eq_ignore_ascii_case(raw.trim())) {
            return Err(DomainError::invalid(
                field,
                ValidationReason::PasswordSameAsEmail,
            ));
        }
        Ok(Self(raw.to_owned()))
    }
}

pub(crate) async fn hash(password: NewPassword) -> DomainResult<String> {
    let turn = password::turn().await;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        password::hash(&password.0)
    })
    .await
    .map_err(DomainError::internal)?
    .map_err(DomainError::internal)
}

/// Bounded so that a megabyte-long "password" costs nothing to refuse.
async fn verify(candidate: &str, stored: Option<String>) -> DomainResult<bool> {
    if candidate.chars().count() > PASSWORD_MAX_CHARS {
        return Ok(false);
    }
    let candidate = candidate.to_owned();
    let turn = password::turn().await;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        password::verify(&candidate, stored.as_deref())
    })
    .await
    .map_err(DomainError::internal)
}

/// The fields worth recording in an audit diff (never the email or the hash).
pub(crate) fn public_view(u: &user::Model) -> Value {
    json!({
        "displayName": u.display_name,
        "membershipKind": u.membership_kind,
        "isBoard": u.is_board,
        "isAdmin": u.is_admin,
        "language": u.language,
    })
}

pub fn kind_of(u: &user::Model) -> MembershipKind {
    MembershipKind::parse(&u.membership_kind).unwrap_or(MembershipKind::Sympathizer)
}

pub fn language_of(u: &user::Model) -> Language {
    Language::from_code(&u.language).unwrap_or_default()
}

pub fn current_user(u: &user::Model) -> CurrentUser {
    CurrentUser {
        id: u.id,
        kind: kind_of(u),
        is_board: u.is_board,
        is_admin: u.is_admin,
    }
}

/// Loads the account a token names; deleted accounts count as gone.
pub async fn find_active(env: &Env, id: Uuid) -> DomainResult<Option<user::Model>> {
    Ok(user::Entity::find_by_id(id)
        .filter(user::Column::DeletedAt.is_null())
        .one(&env.db)
        .await?)
}

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
        }
        .as_str()
        .to_owned()),
        is_board: Set(first),
        is_admin: Set(first),
        language: Set(language.code().to_owned()),
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
async fn claim_first_admin<C: ConnectionTrait>(conn: &C) -> DomainResult<bool> {
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
    kind.is_some_and(|k| rank(k) < rank(kind_of(current)))
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
        am.language = Set(l.code().to_owned());
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

/// Counts the other admins after taking the platform's admin lock: the first-admin flag row,
/// which exists as soon as any account does. On PostgreSQL the no-op update holds the row lock
/// until commit, so two admins demoting each other at the same instant are counted one after
/// the other; SQLite's IMMEDIATE transactions already serialise writers.
async fn other_active_admins<C: ConnectionTrait>(conn: &C, except: Uuid) -> DomainResult<u64> {
    platform_flag::Entity::update_many()
        .col_expr(
            platform_flag::Column::SetAt,
            sea_orm::sea_query::Expr::col(platform_flag::Column::SetAt),
        )
        .filter(platform_flag::Column::Name.eq(FIRST_ADMIN_FLAG))
        .exec(conn)
        .await?;
    Ok(user::Entity::find()
        .filter(user::Column::IsAdmin.eq(true))
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::Id.ne(except))
        .count(conn)
        .await?)
}

/// Admins change membership kind and the board/admin flags.
pub async fn set_roles(
    env: &Env,
    actor: &Actor,
    target: Uuid,
    kind: Option<MembershipKind>,
    is_board: Option<bool>,
    is_admin: Option<bool>,
) -> DomainResult<user::Model> {
    // The board keeps the register of members, so it admits people and changes their kind;
    // the board and admin flags stay with the admins.
    let admin = if is_board.is_some() || is_admin.is_some() {
        actor.admin()?
    } else {
        actor.board_or_admin()?
    };
    let txn = env.begin_write().await?;
    let current = user::Entity::find_by_id(target)
        .filter(user::Column::DeletedAt.is_null())
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if is_admin == Some(false) && current.is_admin && other_active_admins(&txn, target).await? == 0
    {
        return Err(DomainError::LastAdmin);
    }
    let before = public_view(&current);
    // A right taken away ends the person's sessions at once (their tokens would otherwise
    // keep the old rights in live subscriptions and open pages until they expire).
    let loses_a_right = loses_a_right(&current, kind, is_board, is_admin);
    let version = current.token_version.saturating_add(1);
    let mut am = current.into_active_model();
    if loses_a_right {
        am.token_version = Set(version);
    }
    if let Some(k) = kind {
        am.membership_kind = Set(k.as_str().to_owned());
    }
    if let Some(b) = is_board {
        am.is_board = Set(b);
    }
    if let Some(a) = is_admin {
        am.is_admin = Set(a);
    }
    am.updated_at = Set(chrono::Utc::now());
    let updated = am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(admin.id),
        "account.set_roles",
        "user",
        &target.to_string(),
        before,
        public_view(&updated),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}

/// Whether `password` is the account's; `Validation(password)` when it is not.
pub async fn check_password(current: &user::Model, password: &str) -> DomainResult<()> {
    if verify(password, Some(current.password_hash.clone())).await? {
        Ok(())
    } else {
        Err(DomainError::invalid("password", ValidationReason::Invalid))
    }
}

/// The platform keeps an admin: the last one may not leave.
pub async fn ensure_not_last_admin(
    txn: &DatabaseTransaction,
    current: &user::Model,
) -> DomainResult<()> {
    if current.is_admin && other_active_admins(txn, current.id).await? == 0 {
        return Err(DomainError::LastAdmin);
    }
    Ok(())
}

/// Anonymises the account inside `txn` (the person's part of account deletion, which
/// `flows::delete_account` orchestrates): no name, no address, no password, no role; the
/// diffs that named them are redacted, the facts kept. Returns the audit entry to publish.
pub async fn erase(
    txn: &DatabaseTransaction,
    current: user::Model,
) -> DomainResult<audit_log::Model> {
    let id = current.id;
    let version = current.token_version.saturating_add(1);
    let mut am = current.into_active_model();
    let anon = format!("deleted-{}", id.simple());
    am.email = Set(format!("{anon}@deleted.invalid"));
    am.email_normalized = Set(format!("{anon}@deleted.invalid"));
    am.display_name = Set(String::new());
    am.password_hash = Set("!".into());
    am.is_admin = Set(false);
    am.is_board = Set(false);
    am.token_version = Set(version);
    am.deleted_at = Set(Some(chrono::Utc::now()));
    am.updated_at = Set(chrono::Utc::now());
    am.update(txn).await?;
    // Earlier diffs about this account carried their name: erase them, keep the facts.
    audit_log::Entity::update_many()
        .col_expr(
            audit_log::Column::Diff,
            sea_orm::sea_query::Expr::value(json!({"redacted": true}).to_string()),
        )
        .filter(audit_log::Column::TargetType.eq("user"))
        .filter(audit_log::Column::TargetId.eq(id.to_string()))
        .exec(txn)
        .await?;
    audit::record(
        txn,
        Some(id),
        "account.delete",
        "user",
        &id.to_string(),
        Value::Null,
        Value::Null,
    )
    .await
}

/// Board and admins list members, oldest first, keyset-paginated on (created_at, id).
pub async fn list_users(
    env: &Env,
    actor: &Actor,
    after: Option<Uuid>,
    limit: u64,
) -> DomainResult<Vec<user::Model>> {
    actor.board_or_admin()?;
    let mut q = user::Entity::find()
        .filter(user::Column::DeletedAt.is_null())
        .order_by_asc(user::Column::CreatedAt)
        .order_by_asc(user::Column::Id);
    if let Some(cursor) = after {
        let c = user::Entity::find_by_id(cursor)
            .one(&env.db)
            .await?
            .ok_or(DomainError::invalid("after", ValidationReason::InvalidId))?;
        q = q.filter(
            Condition::any()
                .add(user::Column::CreatedAt.gt(c.created_at))
                .add(
                    Condition::all()
                        .add(user::Column::CreatedAt.eq(c.created_at))
                        .add(user::Column::Id.gt(c.id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// Display names for a set of accounts (the DataLoader's batch).
pub async fn by_ids(env: &Env, ids: &[Uuid]) -> DomainResult<Vec<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(&env.db)
        .await?)
}

/// Creates or promotes an admin from the command line.
pub async fn create_admin(
    env: &Env,
    email: &str,
    display_name: &str,
    password_raw: &str,
) -> DomainResult<user::Model> {
    let e = Email::parse(email)?;
    let existing = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(&e.normalized))
        .filter(user::Column::DeletedAt.is_null())
        .one(&env.db)
        .await?;
    let model = match existing {
        Some(u) => u,
        None => {
            register(
                env,
                RegisterInput {
                    email: email.to_owned(),
                    password: password_raw.to_owned(),
                    display_name: display_name.to_owned(),
                    language: None,
                },
                None,
            )
            .await?
        }
    };
    let before = public_view(&model);
    let mut am = model.into_active_model();
    am.is_admin = Set(true);
    am.is_board = Set(true);
    am.membership_kind = Set(MembershipKind::Effective.as_str().to_owned());
    let txn = env.begin_write().await?;
    let updated = am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        None,
        "account.create_admin",
        "user",
        &updated.id.to_string(),
        before,
        public_view(&updated),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}
