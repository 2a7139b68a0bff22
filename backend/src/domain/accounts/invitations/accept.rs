//! Following an invitation link: whom it is for, and accepting it (the account is created
//! with the kind the board chose; every pending invitation of the address is taken).

use super::*;

/// The invitation a token stands for, without using it: the same check as accepting
/// (`tokens::redeem`: known, of this purpose, unused, unexpired), rolled back, so that the
/// rule and the hashing live in one place.
async fn peek(env: &Env, token: &str) -> DomainResult<mail_token::Model> {
    let txn = env.begin_write().await?;
    let found = tokens::redeem(&txn, Purpose::Invite, token).await;
    txn.rollback().await?;
    found
}

/// Anyone holding the link: whom it is for, or `NOT_FOUND` (unknown, used or expired).
pub async fn find(env: &Env, token: &str) -> DomainResult<mail_token::Model> {
    peek(env, token).await.map_err(|e| match e {
        DomainError::Validation { .. } => DomainError::NotFound,
        other => other,
    })
}

pub fn kind_of(t: &mail_token::Model) -> MembershipKind {
    t.membership_kind
        .as_deref()
        .and_then(MembershipKind::parse)
        .unwrap_or(MembershipKind::Sympathizer)
}

/// An invitation accepted, not yet committed: the caller (`flows::invitation`) adds what
/// the Labs that invited the address make of it, then commits.
pub struct Accepted {
    pub txn: DatabaseTransaction,
    pub user: user::Model,
    /// The Lab invitations taken with it (each names its Lab and who sent it).
    pub lab_invitations: Vec<mail_token::Model>,
    pub entry: audit_log::Model,
}

/// How far a kind goes (an address invited twice gets the higher one).
fn rank(kind: MembershipKind) -> u8 {
    match kind {
        MembershipKind::Sympathizer => 0,
        MembershipKind::Adherent => 1,
        MembershipKind::Effective => 2,
    }
}

/// Creates the account an invitation is for, with the kind the board set and the address
/// verified, using the token in the same transaction (it works once; the account is not
/// created if the token was taken, nor the token used if the address has an account by now:
/// `EMAIL_TAKEN`). Every other invitation pending for the address (the board's, a Lab's) is
/// taken too: the account gets the highest kind among them, and the Labs' invitations are
/// handed back to the caller. Effective and adherent members enter the register, admitted
/// today.
pub async fn accept(
    env: &Env,
    token: &str,
    password: &str,
    display_name: Option<&str>,
    language: Option<Language>,
) -> DomainResult<Accepted> {
    // Checked before the password is hashed: a bad link costs no hashing.
    let invite = peek(env, token).await?;
    let email = Email::parse(&invite.email)?;
    let name = match display_name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => DisplayName::parse(n)?,
        None => DisplayName::parse(invite.display_name.as_deref().unwrap_or_default())?,
    };
    let pw = NewPassword::parse("password", password, Some(&email.normalized))?;
    let hash = super::super::hash(pw).await?;
    let txn = env.begin_write().await?;
    let invite = tokens::redeem(&txn, Purpose::Invite, token).await?;
    let others = tokens::take_pending_for(&txn, Purpose::Invite, &email.normalized).await?;
    let all: Vec<mail_token::Model> = std::iter::once(invite.clone()).chain(others).collect();
    let kind = all
        .iter()
        .map(kind_of)
        .max_by_key(|k| rank(*k))
        .unwrap_or_else(|| kind_of(&invite));
    if user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(&email.normalized))
        .count(&txn)
        .await?
        > 0
    {
        return Err(DomainError::EmailTaken);
    }
    let now = chrono::Utc::now();
    let model = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(email.display),
        email_normalized: Set(email.normalized),
        display_name: Set(name.0),
        password_hash: Set(hash),
        membership_kind: Set(kind),
        is_board: Set(false),
        is_admin: Set(false),
        language: Set(language.unwrap_or_default()),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        token_version: Set(0),
        email_verified_at: Set(Some(now)),
    }
    .insert(&txn)
    .await
    .on_unique(EMAIL_UNIQUE, DomainError::EmailTaken)?;
    let admitted = register::admit(&txn, model.id, kind).await?;
    let mut after = super::super::public_view(&model);
    after["invitation"] = json!(invite.id);
    after["invitedBy"] = json!(invite.created_by);
    after["admittedOn"] = json!(admitted.map(|d| d.to_string()));
    let entry = audit::record(
        &txn,
        Some(model.id),
        "account.accept_invitation",
        "user",
        &model.id.to_string(),
        Value::Null,
        after,
    )
    .await?;
    Ok(Accepted {
        txn,
        user: model,
        lab_invitations: all.into_iter().filter(|t| t.lab_id.is_some()).collect(),
        entry,
    })
}

pub fn status(t: &mail_token::Model) -> InvitationStatus {
    if t.used_at.is_some() {
        InvitationStatus::Used
    } else if t.expires_at <= chrono::Utc::now() {
        InvitationStatus::Expired
    } else {
        InvitationStatus::Pending
    }
}
