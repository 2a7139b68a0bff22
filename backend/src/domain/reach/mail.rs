//! The outbox: a mail is a row written inside the transaction of the change that causes it;
//! the sender task (`crate::mailer`) delivers it later, with retries. One mail per event key
//! (unique): writing the same event twice keeps the first.

use crate::domain::DomainResult;
use crate::entities::outbox_mail;
use chrono::Utc;
use constellation_shared::Language;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use uuid::Uuid;

pub const PENDING: &str = "PENDING";
pub const SENT: &str = "SENT";
pub const FAILED: &str = "FAILED";

/// A mail to write to the outbox.
#[derive(Clone, Debug)]
pub struct OutgoingMail {
    /// Unique per event and recipient (e.g. `assembly.convened:<assembly>:<user>`).
    pub event_key: String,
    pub user_id: Option<Uuid>,
    pub to: String,
    /// What it is (`RESET`, `VERIFY`, `INVITE`, a `NotificationKind`, `DIGEST`).
    pub kind: String,
    pub language: Language,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub ics: Option<String>,
    /// `List-Unsubscribe` target; `None` for mail the law requires or the member asked for.
    pub unsubscribe: Option<String>,
    /// What it is about, for the sending record (`("assembly", id)`).
    pub about: Option<(String, String)>,
}

fn row(mail: OutgoingMail) -> outbox_mail::ActiveModel {
    let now = Utc::now();
    let (subject_type, subject_id) = mail.about.unzip();
    outbox_mail::ActiveModel {
        id: Set(Uuid::new_v4()),
        event_key: Set(mail.event_key),
        user_id: Set(mail.user_id),
        to_address: Set(mail.to),
        kind: Set(mail.kind),
        language: Set(mail.language),
        subject: Set(mail.subject),
        text_body: Set(mail.text),
        html_body: Set(mail.html),
        ics: Set(mail.ics),
        unsubscribe: Set(mail.unsubscribe),
        subject_type: Set(subject_type),
        subject_id: Set(subject_id),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    }
}

fn once_per_event() -> OnConflict {
    OnConflict::column(outbox_mail::Column::EventKey)
        .do_nothing()
        .to_owned()
}

/// Writes `mail` to the outbox (in the caller's transaction). Returns false when a mail for
/// this event key was already written.
pub async fn enqueue<C: ConnectionTrait>(conn: &C, mail: OutgoingMail) -> DomainResult<bool> {
    let inserted = outbox_mail::Entity::insert(row(mail))
        .on_conflict(once_per_event())
        .exec_without_returning(conn)
        .await?;
    Ok(inserted > 0)
}

/// Writes many mails (the convocation of 2,000 members) in a few statements.
pub async fn enqueue_many<C: ConnectionTrait>(
    conn: &C,
    mails: Vec<OutgoingMail>,
) -> DomainResult<u64> {
    let mut written = 0;
    let rows: Vec<outbox_mail::ActiveModel> = mails.into_iter().map(row).collect();
    // 21 columns a row: 150 rows stay far under SQLite's 32,766 parameters.
    for chunk in rows.chunks(150) {
        written += outbox_mail::Entity::insert_many(chunk.to_vec())
            .on_conflict(once_per_event())
            .exec_without_returning(conn)
            .await?;
    }
    Ok(written)
}

/// Escapes text for an HTML body.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A plain-text body as simple HTML: paragraphs, escaped, links made clickable.
pub fn html_of(text: &str) -> String {
    let mut out = String::from(
        "<!doctype html><html><body style=\"font-family: sans-serif; line-height: 1.5\">",
    );
    for para in text.split("\n\n") {
        out.push_str("<p>");
        let lines: Vec<String> = para
            .lines()
            .map(|l| {
                let e = html_escape(l);
                if l.starts_with("http://") || l.starts_with("https://") {
                    format!("<a href=\"{e}\">{e}</a>")
                } else {
                    e
                }
            })
            .collect();
        out.push_str(&lines.join("<br>"));
        out.push_str("</p>");
    }
    out.push_str("</body></html>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_bodies_are_escaped() {
        let h = html_of("Hello <b>you</b>\nhttps://x.example/a?b=1&c=2\n\nBye");
        assert!(h.contains("Hello &lt;b&gt;you&lt;/b&gt;<br>"));
        assert!(h.contains("<a href=\"https://x.example/a?b=1&amp;c=2\">"));
        assert!(h.contains("<p>Bye</p>"));
    }
}
