//! Invitations by e-mail. The board invites people one by one, as a pasted list or as a CSV
//! roster (`name,email,kind`); every line is checked first and any bad line refuses the whole
//! list, with a report per line (bad input changes nothing). Each invitee gets a single-use
//! link valid 14 days (`reach::tokens`); following it creates the account with the kind the
//! board chose, its address verified by the very fact of the link.

mod accept;
mod listing;
pub use accept::{accept, find, kind_of, status, Accepted};
pub use listing::{forget, list};

use super::{register, DisplayName, Email, NewPassword, EMAIL_UNIQUE};
use crate::domain::core::audit;
use crate::domain::reach::mail::{enqueue_many, html_of, OutgoingMail};
use crate::domain::reach::tokens::{self, NewToken, Purpose};
use crate::domain::{Actor, CurrentUser, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{audit_log, mail_token, user};
use constellation_shared::dto::reach::{InvitationStatus, InviteInput};
use constellation_shared::{ErrorCode, Language, MembershipKind, ValidationReason};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Invitations one call may send.
pub const MAX_PER_CALL: usize = 500;
/// The largest roster file accepted.
pub const CSV_MAX_BYTES: usize = 1024 * 1024;
pub const VALID_DAYS: i64 = 14;

/// A refused line: where, which address, and the error it would have been alone.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// 1-based: the position in the list, or the line of the file (the header is line 1).
    pub line: usize,
    pub email: String,
    pub code: ErrorCode,
    pub field: Option<&'static str>,
    pub reason: Option<ValidationReason>,
}

impl Problem {
    fn new(line: usize, email: &str, e: DomainError) -> Self {
        let (field, reason) = match &e {
            DomainError::Validation { field, reason } => (Some(*field), Some(*reason)),
            _ => (None, None),
        };
        Self {
            line,
            email: email.trim().to_owned(),
            code: e.code(),
            field,
            reason,
        }
    }
}

/// All sent (`problems` empty), or none.
#[derive(Debug)]
pub struct Report {
    pub invited: usize,
    pub problems: Vec<Problem>,
}

/// One line to invite, before it is checked.
struct Line {
    number: usize,
    email: String,
    name: Option<String>,
    kind: MembershipKind,
}

/// A checked line.
struct Invitee {
    email: Email,
    name: Option<String>,
    kind: MembershipKind,
}

/// Board and admins: invites everyone on the list, or (any line bad) no one.
pub async fn invite(env: &Env, actor: &Actor, list: Vec<InviteInput>) -> DomainResult<Report> {
    let me = actor.board_or_admin()?;
    if list.len() > MAX_PER_CALL {
        return Err(DomainError::invalid(
            "invitations",
            ValidationReason::TooLong,
        ));
    }
    let lines = list
        .into_iter()
        .enumerate()
        .map(|(i, x)| Line {
            number: i + 1,
            email: x.email,
            name: x.display_name,
            kind: x.kind,
        })
        .collect();
    send(env, me, lines, Vec::new(), "invitations").await
}

/// Board and admins: invites the people of a CSV roster with a header naming the columns
/// `name`, `email` and `kind` (any order, any case; `,` or `;` between cells), kinds
/// `EFFECTIVE`, `ADHERENT`, `SYMPATHIZER` (or their French names), in any case.
pub async fn import(env: &Env, actor: &Actor, csv: &str) -> DomainResult<Report> {
    let me = actor.board_or_admin()?;
    if csv.len() > CSV_MAX_BYTES {
        return Err(DomainError::invalid("csv", ValidationReason::TooLong));
    }
    let (lines, problems) = super::roster::parse(csv);
    if lines.len() + problems.len() > MAX_PER_CALL {
        return Err(DomainError::invalid("csv", ValidationReason::TooLong));
    }
    let lines = lines
        .into_iter()
        .map(|l| Line {
            number: l.line,
            email: l.email,
            name: l.name,
            kind: l.kind,
        })
        .collect();
    send(env, me, lines, problems, "csv").await
}

async fn send(
    env: &Env,
    me: &CurrentUser,
    lines: Vec<Line>,
    mut problems: Vec<Problem>,
    field: &'static str,
) -> DomainResult<Report> {
    if lines.is_empty() && problems.is_empty() {
        return Err(DomainError::invalid(field, ValidationReason::Required));
    }
    let mut seen = HashSet::new();
    let mut ok: Vec<(usize, Invitee)> = Vec::new();
    for l in lines {
        let email = match Email::parse(&l.email) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem::new(l.number, &l.email, e));
                continue;
            }
        };
        let name = match l.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            None => None,
            Some(n) => match DisplayName::parse(n) {
                Ok(n) => Some(n.0),
                Err(e) => {
                    problems.push(Problem::new(l.number, &l.email, e));
                    continue;
                }
            },
        };
        if !seen.insert(email.normalized.clone()) {
            // The same person twice in one list: the second line is the mistake.
            problems.push(Problem::new(
                l.number,
                &l.email,
                DomainError::Conflict("invited twice in one list"),
            ));
            continue;
        }
        ok.push((
            l.number,
            Invitee {
                email,
                name,
                kind: l.kind,
            },
        ));
    }
    let keys: Vec<String> = ok.iter().map(|(_, i)| i.email.normalized.clone()).collect();
    let mut taken = HashSet::new();
    for chunk in keys.chunks(500) {
        taken.extend(
            user::Entity::find()
                .filter(user::Column::EmailNormalized.is_in(chunk.to_vec()))
                .all(&env.db)
                .await?
                .into_iter()
                .map(|u| u.email_normalized),
        );
    }
    for (line, i) in &ok {
        if taken.contains(&i.email.normalized) {
            problems.push(Problem::new(
                *line,
                &i.email.display,
                DomainError::EmailTaken,
            ));
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Ok(Report {
            invited: 0,
            problems,
        });
    }
    let inviter = super::find_active(env, me.id)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    let txn = env.begin_write().await?;
    let mut links = Vec::with_capacity(ok.len());
    for (_, i) in &ok {
        // A new invitation replaces the address's earlier one.
        tokens::expire_invitations(&txn, &i.email.normalized, None).await?;
        let token = tokens::issue(
            &txn,
            NewToken {
                purpose: Purpose::Invite,
                user_id: None,
                email: i.email.display.clone(),
                membership_kind: Some(i.kind.as_str().to_owned()),
                display_name: i.name.clone(),
                created_by: Some(me.id),
                valid_for: chrono::Duration::days(VALID_DAYS),
                lab_id: None,
            },
        )
        .await?;
        links.push(format!("{}/invitation?token={token}", env.reach.public_url));
    }
    let ids = token_ids(&txn, me.id, &ok).await?;
    let mut mails = Vec::with_capacity(ok.len());
    let mut entries = Vec::with_capacity(ok.len());
    for ((_, i), link) in ok.iter().zip(links) {
        let id = ids
            .get(&i.email.display)
            .copied()
            .ok_or_else(|| DomainError::internal("an invitation just issued is missing"))?;
        let (subject, text) = mail_text(&inviter.display_name, i.name.as_deref(), i.kind, &link);
        mails.push(OutgoingMail {
            event_key: format!("invitation:{id}"),
            user_id: None,
            to: i.email.display.clone(),
            kind: "INVITE".to_owned(),
            // The invitee has no account, hence no language yet: French, English below.
            language: Language::Fr,
            subject,
            html: html_of(&text),
            text,
            ics: None,
            unsubscribe: None,
            about: Some(("invitation".to_owned(), id.to_string())),
        });
        entries.push(
            audit::record(
                &txn,
                Some(me.id),
                "member.invite",
                "invitation",
                &id.to_string(),
                Value::Null,
                json!({
                    "email": i.email.display,
                    "displayName": i.name,
                    "membershipKind": i.kind.as_str(),
                }),
            )
            .await?,
        );
    }
    enqueue_many(&txn, mails).await?;
    txn.commit().await?;
    audit::publish(env, entries);
    Ok(Report {
        invited: ok.len(),
        problems: Vec::new(),
    })
}

/// The rows just issued, by address (`tokens::issue` gives the link, not the row): the newest
/// unused invitation of each address by this inviter, read inside the issuing transaction.
async fn token_ids(
    txn: &DatabaseTransaction,
    inviter: Uuid,
    ok: &[(usize, Invitee)],
) -> DomainResult<HashMap<String, Uuid>> {
    let addresses: Vec<String> = ok.iter().map(|(_, i)| i.email.display.clone()).collect();
    let mut ids = HashMap::new();
    for chunk in addresses.chunks(500) {
        for t in mail_token::Entity::find()
            .filter(mail_token::Column::Purpose.eq(Purpose::Invite.as_str()))
            .filter(mail_token::Column::CreatedBy.eq(inviter))
            .filter(mail_token::Column::UsedAt.is_null())
            .filter(mail_token::Column::Email.is_in(chunk.to_vec()))
            .order_by_asc(mail_token::Column::CreatedAt)
            .all(txn)
            .await?
        {
            ids.insert(t.email, t.id);
        }
    }
    Ok(ids)
}

/// One mail in both languages: French first (the association's language), English below.
fn mail_text(
    inviter: &str,
    name: Option<&str>,
    kind: MembershipKind,
    link: &str,
) -> (String, String) {
    let hello_fr = name.map_or("Bonjour,".to_owned(), |n| format!("Bonjour {n},"));
    let hello_en = name.map_or("Hello,".to_owned(), |n| format!("Hello {n},"));
    let subject = "Invitation à rejoindre l'association sur Constellation / Invitation to join the association on Constellation".to_owned();
    let text = format!(
        "{hello_fr}\n\n\
{inviter}, pour le conseil d'administration, vous invite à rejoindre l'association sur Constellation.\n\
Qualité : {kind_fr}\n\n\
Pour créer votre compte, suivez ce lien (valable {VALID_DAYS} jours, une seule fois) :\n\
{link}\n\n\
Si vous ne vous attendiez pas à cette invitation, ignorez ce message.\n\n\
-- English --\n\n\
{hello_en}\n\n\
{inviter}, for the board, invites you to join the association on Constellation.\n\
Membership: {kind_en}\n\n\
To create your account, follow this link (valid for {VALID_DAYS} days, once):\n\
{link}\n\n\
If you did not expect this invitation, ignore this message.",
        kind_fr = kind.label(Language::Fr),
        kind_en = kind.label(Language::En),
    );
    (subject, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_speaks_french_then_english_and_carries_the_link() {
        let (subject, text) = mail_text(
            "Ana",
            Some("Bo"),
            MembershipKind::Adherent,
            "https://x.example/invitation?token=abc",
        );
        assert!(subject.starts_with("Invitation à rejoindre"));
        let fr = text.find("Bonjour Bo,").unwrap_or(usize::MAX);
        let en = text.find("Hello Bo,").unwrap_or(0);
        assert!(fr < en, "{text}");
        assert!(text.contains("Qualité : Membre adhérent"));
        assert!(text.contains("Membership: Adherent member"));
        assert_eq!(
            text.matches("\nhttps://x.example/invitation?token=abc\n")
                .count(),
            2
        );
    }
}
