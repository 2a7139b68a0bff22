//! A Lab invites someone who has no account yet through the board's path: a single-use link
//! (`reach::tokens`, 14 days, stored hashed) that names the Lab. Following it creates the
//! account (a sympathiser, unless another invitation pending for the address gives more:
//! `accounts::invitations::accept`), which then starts *invited* to the Lab and accepts or
//! declines there like any invitation. Inviting the same address again replaces the link.

use crate::domain::accounts::invitations::VALID_DAYS;
use crate::domain::accounts::Email;
use crate::domain::core::audit;
use crate::domain::reach::mail::{enqueue_many, html_of, OutgoingMail};
use crate::domain::reach::notify::{self, Announced, Notice};
use crate::domain::reach::tokens::{self, NewToken, Purpose};
use crate::domain::{CurrentUser, DomainResult, Env};
use crate::entities::{audit_log, lab, lab_member, mail_token, user};
use constellation_shared::dto::labs::{LabRole, LabStatus, MemberState};
use constellation_shared::dto::reach::NotificationKind;
use constellation_shared::{Language, MembershipKind};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{json, Value};
use uuid::Uuid;

/// Writes the invitation of `email` (no account) to `l` by the coordinator `me`, in the
/// caller's transaction: the token, the mail, the audit entry (returned, to publish).
pub async fn invite_by_mail(
    txn: &DatabaseTransaction,
    env: &Env,
    me: &CurrentUser,
    l: &lab::Model,
    email: &Email,
) -> DomainResult<audit_log::Model> {
    // A new link replaces this Lab's earlier one to the address.
    tokens::expire_invitations(txn, &email.normalized, Some(l.id)).await?;
    let (token, id) = tokens::issue_with_id(
        txn,
        NewToken {
            purpose: Purpose::Invite,
            user_id: None,
            email: email.display.clone(),
            membership_kind: Some(MembershipKind::Sympathizer.as_str().to_owned()),
            display_name: None,
            created_by: Some(me.id),
            valid_for: chrono::Duration::days(VALID_DAYS),
            lab_id: Some(l.id),
        },
    )
    .await?;
    let link = format!("{}/invitation?token={token}", env.reach.public_url);
    let inviter = user::Entity::find_by_id(me.id)
        .one(txn)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    let (subject, text) = mail_text(&inviter, &l.name, &link);
    enqueue_many(
        txn,
        vec![OutgoingMail {
            event_key: format!("lab.invitation:{id}"),
            user_id: None,
            to: email.display.clone(),
            kind: "INVITE".to_owned(),
            // No account, hence no language yet: French, English below.
            language: Language::Fr,
            subject,
            html: html_of(&text),
            text,
            ics: None,
            unsubscribe: None,
            about: Some(("invitation".to_owned(), id.to_string())),
        }],
    )
    .await?;
    // Named after the invitation, so that deleting the account later redacts it
    // (`accounts::invitations::forget`).
    audit::record(
        txn,
        Some(me.id),
        "lab.invite_by_mail",
        "invitation",
        &id.to_string(),
        Value::Null,
        json!({ "lab": l.id, "email": email.display }),
    )
    .await
}

/// The account just created from a Lab's link starts invited to that Lab (if it still runs
/// and the person is not in it already), in the acceptance's transaction; told like any Lab
/// invitation. Returns what to publish after the commit.
pub async fn arrived(
    txn: &DatabaseTransaction,
    env: &Env,
    invitation: &mail_token::Model,
    user_id: Uuid,
) -> DomainResult<Option<(audit_log::Model, Announced)>> {
    let Some(lab_id) = invitation.lab_id else {
        return Ok(None);
    };
    let Some(l) = lab::Entity::find_by_id(lab_id).one(txn).await? else {
        return Ok(None);
    };
    let already = lab_member::Entity::find()
        .filter(lab_member::Column::LabId.eq(l.id))
        .filter(lab_member::Column::UserId.eq(user_id))
        .count(txn)
        .await?
        > 0;
    if l.status != LabStatus::Active || already {
        return Ok(None);
    }
    let now = chrono::Utc::now();
    lab_member::Entity::insert(lab_member::ActiveModel {
        lab_id: Set(l.id),
        user_id: Set(user_id),
        role: Set(LabRole::Participant),
        state: Set(MemberState::Invited),
        since: Set(now),
    })
    .exec_without_returning(txn)
    .await?;
    let entry = audit::record(
        txn,
        invitation.created_by,
        "lab.invite",
        "lab",
        &l.id.to_string(),
        json!({ "user": user_id, "membership": Value::Null }),
        json!({ "user": user_id, "membership": { "role": LabRole::Participant.as_str(), "state": MemberState::Invited.as_str() }, "invitation": invitation.id }),
    )
    .await?;
    let told = notify::notify(
        txn,
        &env.reach,
        Notice {
            kind: NotificationKind::Invitation,
            event_key: format!("lab.invite:{}", entry.id),
            recipients: vec![user_id],
            payload: json!({ "subject": l.name, "status": "INVITED" }),
            link: format!("/labs/{}", l.slug),
            ics: None,
            about: None,
        },
    )
    .await?;
    Ok(Some((entry, told)))
}

/// One mail in both languages: French first (the association's language), English below.
fn mail_text(inviter: &str, lab: &str, link: &str) -> (String, String) {
    let subject = format!(
        "Invitation au Lab « {lab} » sur Constellation / Invitation to the Lab “{lab}” on Constellation"
    );
    let text = format!(
        "Bonjour,\n\n\
{inviter} vous invite à rejoindre le Lab « {lab} » sur Constellation, la plateforme de l'association.\n\n\
Pour créer votre compte et répondre à l'invitation, suivez ce lien (valable {VALID_DAYS} jours, une seule fois) :\n\
{link}\n\n\
Si vous ne vous attendiez pas à cette invitation, ignorez ce message.\n\n\
-- English --\n\n\
Hello,\n\n\
{inviter} invites you to join the Lab “{lab}” on Constellation, the association's platform.\n\n\
To create your account and answer the invitation, follow this link (valid for {VALID_DAYS} days, once):\n\
{link}\n\n\
If you did not expect this invitation, ignore this message."
    );
    (subject, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_names_the_lab_and_the_inviter_in_both_languages() {
        let (subject, text) = mail_text("Ana", "Jardins", "https://x.example/invitation?t=1");
        assert!(subject.contains("« Jardins »") && subject.contains("“Jardins”"));
        assert!(text.contains("Ana vous invite") && text.contains("Ana invites you"));
        assert_eq!(
            text.matches("\nhttps://x.example/invitation?t=1\n").count(),
            2
        );
    }
}
