//! Getting back in and proving one's address: a password reset by a single-use link sent by
//! mail (1 hour), and the verification of the address given at registration (7 days).
//!
//! Asking for a reset says nothing about whether an account uses the address: the answer is
//! the same, and the work that differs (the token, the mail) is done after the answer, so
//! the request costs the same rate-limit writes and one read either way.

use super::{find_active, hash, Email, NewPassword};
use crate::domain::core::{audit, rate_limit};
use crate::domain::reach::mail::{self, html_of, OutgoingMail};
use crate::domain::reach::tokens::{self, NewToken, Purpose};
use crate::domain::reach::ReachSettings;
use crate::domain::{Actor, DomainError, DomainResult, Env};
use crate::entities::user;
use chrono::{Duration, Utc};
use constellation_shared::{Language, ValidationReason};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::Value;
use uuid::Uuid;

/// How long a reset link works.
pub const RESET_VALID_FOR: Duration = Duration::hours(1);
/// How long a verification link works.
pub const VERIFY_VALID_FOR: Duration = Duration::days(7);

fn bad_token() -> DomainError {
    DomainError::invalid("token", ValidationReason::Invalid)
}

/// Sends a reset link to the account that uses `email`, if one does. Always `Ok` for a
/// well-formed address (a malformed one is `VALIDATION` on `email`); requests are counted per
/// address asked about and per client address (`RATE_LIMITED` past the limits, whether an
/// account exists or not).
pub async fn request_password_reset(
    env: &Env,
    email: &str,
    client: Option<&str>,
) -> DomainResult<()> {
    let email = Email::parse(email)?;
    let per_email = format!("reset:{}", email.normalized);
    let per_client = client.map(|ip| format!("reset-ip:{ip}"));
    let mut keys = vec![(per_email.as_str(), env.limits.per_account)];
    if let Some(k) = per_client.as_deref() {
        keys.push((k, env.limits.per_address));
    }
    let _counted = rate_limit::attempt(env, &keys).await?;
    let found = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(&email.normalized))
        .filter(user::Column::DeletedAt.is_null())
        .one(&env.db)
        .await?;
    if let Some(account) = found {
        let env = env.clone();
        tokio::spawn(async move {
            if let Err(e) = send_reset_link(&env, &account).await {
                tracing::error!(error = ?e, user = %account.id, "cannot write the password reset mail");
            }
        });
    }
    Ok(())
}

/// A new link voids the older ones: only the latest mail works.
async fn send_reset_link(env: &Env, account: &user::Model) -> DomainResult<()> {
    let txn = env.begin_write().await?;
    tokens::void(&txn, Purpose::Reset, account.id).await?;
    let token = tokens::issue(
        &txn,
        NewToken {
            purpose: Purpose::Reset,
            user_id: Some(account.id),
            email: account.email_normalized.clone(),
            membership_kind: None,
            display_name: None,
            created_by: None,
            valid_for: RESET_VALID_FOR,
            lab_id: None,
        },
    )
    .await?;
    let lang = account.language;
    let link = format!("{}/reset-password?token={token}", env.reach.public_url);
    let (subject, text) = reset_text(lang, &account.display_name, &link);
    mail::enqueue(
        &txn,
        OutgoingMail {
            event_key: format!("account.reset:{}:{}", account.id, Uuid::new_v4()),
            user_id: Some(account.id),
            to: account.email.clone(),
            kind: Purpose::Reset.as_str().to_owned(),
            language: lang,
            html: html_of(&text),
            subject,
            text,
            ics: None,
            // Asked for by the person: nothing to unsubscribe from.
            unsubscribe: None,
            about: None,
        },
    )
    .await?;
    txn.commit().await?;
    env.mail_wake.notify_one();
    Ok(())
}

/// Sets a new password with a reset link's token: once, within the hour. Every session of
/// the account ends (its token version moves on), its login failures are forgotten, and the
/// address counts as verified (the link reached it). An unknown, used or expired token is
/// `VALIDATION` on `token`; the password is checked like at registration (`newPassword`).
pub async fn reset_password(
    env: &Env,
    token: &str,
    new_password: &str,
    client: Option<&str>,
) -> DomainResult<()> {
    if token.trim().is_empty() {
        return Err(DomainError::invalid("token", ValidationReason::Required));
    }
    NewPassword::parse("newPassword", new_password, None)?;
    // Each try costs a password hash: counted per client address.
    if let Some(ip) = client {
        let key = format!("reset-password-ip:{ip}");
        let _counted = rate_limit::attempt(env, &[(&key, env.limits.per_address)]).await?;
    }
    // Hashed before the transaction: SQLite's write lock is not held for the slow part.
    let hashed = hash(NewPassword::parse("newPassword", new_password, None)?).await?;
    let txn = env.begin_write().await?;
    let taken = tokens::redeem(&txn, Purpose::Reset, token).await?;
    let account = account_of(&txn, taken.user_id).await?;
    // The same rule as everywhere: the password may not be the address.
    NewPassword::parse("newPassword", new_password, Some(&account.email_normalized))?;
    let now = Utc::now();
    let version = account.token_version.saturating_add(1);
    let key = rate_limit::account_key(&account.email_normalized);
    let id = account.id;
    let verified = account.email_verified_at.unwrap_or(now);
    let mut am = account.into_active_model();
    am.password_hash = Set(hashed);
    am.token_version = Set(version);
    am.email_verified_at = Set(Some(verified));
    am.updated_at = Set(now);
    am.update(&txn).await?;
    tokens::void(&txn, Purpose::Reset, id).await?;
    let entry = audit::record(
        &txn,
        Some(id),
        "account.reset_password",
        "user",
        &id.to_string(),
        Value::Null,
        Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    rate_limit::clear(env, &key).await?;
    Ok(())
}

/// The active account a token names; a token for a deleted account is no good.
async fn account_of<C: ConnectionTrait>(conn: &C, id: Option<Uuid>) -> DomainResult<user::Model> {
    let id = id.ok_or_else(bad_token)?;
    user::Entity::find_by_id(id)
        .filter(user::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .ok_or_else(bad_token)
}

/// Confirms the account's address with a verification link's token (once).
pub async fn verify_email(env: &Env, token: &str) -> DomainResult<()> {
    if token.trim().is_empty() {
        return Err(DomainError::invalid("token", ValidationReason::Required));
    }
    let txn = env.begin_write().await?;
    let taken = tokens::redeem(&txn, Purpose::Verify, token).await?;
    let account = account_of(&txn, taken.user_id).await?;
    // A link sent to an address the account no longer uses proves nothing.
    if taken.email != account.email_normalized {
        return Err(bad_token());
    }
    let id = account.id;
    if account.email_verified_at.is_none() {
        let mut am = account.into_active_model();
        am.email_verified_at = Set(Some(Utc::now()));
        am.update(&txn).await?;
    }
    tokens::void(&txn, Purpose::Verify, id).await?;
    let entry = audit::record(
        &txn,
        Some(id),
        "account.verify_email",
        "user",
        &id.to_string(),
        Value::Null,
        Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(())
}

/// Sends the signed-in person a new verification link (the older ones stop working).
/// `INVALID_TRANSITION` when the address is already verified; counted per account.
pub async fn resend_verification(env: &Env, actor: &Actor) -> DomainResult<()> {
    let me = actor.user()?;
    let account = find_active(env, me.id)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    if account.email_verified_at.is_some() {
        return Err(DomainError::InvalidTransition("address already verified"));
    }
    let key = format!("verify:{}", account.id);
    let _counted = rate_limit::attempt(env, &[(&key, env.limits.per_account)]).await?;
    let txn = env.begin_write().await?;
    tokens::void(&txn, Purpose::Verify, account.id).await?;
    enqueue_verification(&txn, &env.reach, &account).await?;
    txn.commit().await?;
    env.mail_wake.notify_one();
    Ok(())
}

/// Writes the verification mail of `account` (in the caller's transaction: registration's).
pub async fn enqueue_verification<C: ConnectionTrait>(
    conn: &C,
    settings: &ReachSettings,
    account: &user::Model,
) -> DomainResult<()> {
    let token = tokens::issue(
        conn,
        NewToken {
            purpose: Purpose::Verify,
            user_id: Some(account.id),
            email: account.email_normalized.clone(),
            membership_kind: None,
            display_name: None,
            created_by: None,
            valid_for: VERIFY_VALID_FOR,
            lab_id: None,
        },
    )
    .await?;
    let lang = account.language;
    let link = format!("{}/verify-email?token={token}", settings.public_url);
    let (subject, text) = verify_text(lang, &account.display_name, &link);
    mail::enqueue(
        conn,
        OutgoingMail {
            event_key: format!("account.verify:{}:{}", account.id, Uuid::new_v4()),
            user_id: Some(account.id),
            to: account.email.clone(),
            kind: Purpose::Verify.as_str().to_owned(),
            language: lang,
            html: html_of(&text),
            subject,
            text,
            ics: None,
            unsubscribe: None,
            about: None,
        },
    )
    .await?;
    Ok(())
}

/// Subject and body of the reset mail. The link stands on a line of its own.
pub fn reset_text(lang: Language, name: &str, link: &str) -> (String, String) {
    match lang {
        Language::Fr => (
            "Réinitialiser votre mot de passe Constellation".to_owned(),
            format!(
                "Bonjour {name},\n\n\
                 Quelqu'un, sans doute vous, a demandé à réinitialiser le mot de passe de votre \
                 compte Constellation. Pour en choisir un nouveau, suivez ce lien dans l'heure :\n\
                 {link}\n\n\
                 Le lien ne sert qu'une fois. Si vous n'avez rien demandé, ignorez ce message : \
                 votre mot de passe ne change pas.\n\n\
                 -- \nConstellation"
            ),
        ),
        Language::En => (
            "Reset your Constellation password".to_owned(),
            format!(
                "Hello {name},\n\n\
                 Someone, most likely you, asked to reset the password of your Constellation \
                 account. To choose a new one, follow this link within the hour:\n\
                 {link}\n\n\
                 The link works once. If you did not ask for this, ignore this message: your \
                 password stays as it is.\n\n\
                 -- \nConstellation"
            ),
        ),
    }
}

/// Subject and body of the verification mail.
pub fn verify_text(lang: Language, name: &str, link: &str) -> (String, String) {
    match lang {
        Language::Fr => (
            "Confirmez votre adresse e-mail".to_owned(),
            format!(
                "Bonjour {name},\n\n\
                 Bienvenue sur Constellation ! Pour confirmer que cette adresse est bien la \
                 vôtre, suivez ce lien (valable 7 jours) :\n\
                 {link}\n\n\
                 Si vous n'avez pas créé de compte, ignorez ce message.\n\n\
                 -- \nConstellation"
            ),
        ),
        Language::En => (
            "Confirm your e-mail address".to_owned(),
            format!(
                "Hello {name},\n\n\
                 Welcome to Constellation! To confirm that this address is yours, follow this \
                 link (valid for 7 days):\n\
                 {link}\n\n\
                 If you did not create an account, ignore this message.\n\n\
                 -- \nConstellation"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_stands_alone_on_its_line_in_both_languages() {
        let link = "https://x.example/reset-password?token=abc";
        for lang in [Language::Fr, Language::En] {
            for (_, body) in [
                reset_text(lang, "Ana", link),
                verify_text(lang, "Ana", link),
            ] {
                assert!(body.lines().any(|l| l == link), "{body}");
                assert!(body.starts_with(match lang {
                    Language::Fr => "Bonjour Ana,",
                    Language::En => "Hello Ana,",
                }));
            }
        }
        assert_ne!(
            reset_text(Language::Fr, "A", link).0,
            reset_text(Language::En, "A", link).0
        );
    }
}
