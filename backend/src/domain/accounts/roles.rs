//! Platform roles: setting them under the admin lock, never removing the last admin, and
//! creating an admin from the command line.

use super::*;

/// Counts the other admins after taking the platform's admin lock: the first-admin flag row,
/// which exists as soon as any account does. On PostgreSQL the no-op update holds the row lock
/// until commit, so two admins demoting each other at the same instant are counted one after
/// the other; SQLite's IMMEDIATE transactions already serialise writers.
pub(super) async fn other_active_admins<C: ConnectionTrait>(
    conn: &C,
    except: Uuid,
) -> DomainResult<u64> {
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
        am.membership_kind = Set(k);
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
    am.membership_kind = Set(MembershipKind::Effective);
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
