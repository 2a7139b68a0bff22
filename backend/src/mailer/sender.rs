//! The sender task: claims the outbox rows that are due, hands each to the transport, and
//! marks it sent, or schedules a retry with backoff, or gives up and keeps it for the admins.
//!
//! Delivery guarantees, honestly:
//! - A mail is a row committed with the change that causes it, so a crash before the sender
//!   ran loses nothing: the row stays `PENDING` and is sent after the restart.
//! - Rows are claimed in a short transaction (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite
//!   serialises writers with `BEGIN IMMEDIATE`) by setting a lease (`claimed_until`). Two
//!   servers on one database never claim the same row while the lease runs, and a sender
//!   that crashed holding rows only delays them until the lease ends. A sender stops handing
//!   over its claimed rows well before the lease ends, and gives the rest back.
//! - SMTP itself is at-least-once across one window: a crash (or a lost database) *after*
//!   the server accepted a mail and *before* the row is marked `SENT` — a single statement —
//!   sends that mail again once the lease ends. Recipients then see a duplicate with the same
//!   `Message-ID`, which most mail clients fold into one. No protocol closes that window
//!   without the receiving server's help.
//! - Leases compare the servers' clocks: servers sharing a database keep them in sync (NTP).

use super::transport::{Failure, Transport};
use crate::config::Config;
use crate::domain::reach::mail::{FAILED, PENDING, SENT};
use crate::domain::DomainResult;
use crate::entities::outbox_mail;
use chrono::Utc;
use lettre::message::header::{ContentDisposition, ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::Message;
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use uuid::Uuid;

/// Rows claimed at once.
pub const BATCH: u64 = 50;
/// Mails in flight at once (each on its own pooled SMTP connection; lettre's pool keeps up
/// to 10). One at a time, a local server took 16 mails/s: the round trips, not the bytes.
pub const CONCURRENCY: usize = 8;
/// How long a claim holds rows against other senders.
pub const LEASE: Duration = Duration::from_secs(5 * 60);
/// Claimed rows are no longer handed over this close to the lease's end (an SMTP exchange
/// may take up to its 30-second timeout).
const LEASE_MARGIN: Duration = Duration::from_secs(90);
/// Tries before a mail is given up (`FAILED`); a permanent refusal gives up at once.
pub const MAX_ATTEMPTS: i32 = 8;
/// Mails that carry a single-use link lose their bodies once sent: only the mail holds the
/// token, and the outbox should not keep a working link.
const CARRIES_A_TOKEN: &[&str] = &["RESET", "VERIFY", "INVITE"];

/// Wait before the next try after `attempts` failed ones: 30 s · 2^attempts, at most 6 h.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exp = attempts.clamp(0, 20) as u32;
    let secs = 30i64.saturating_mul(1i64 << exp);
    chrono::Duration::seconds(secs.min(6 * 3600))
}

/// Rows to send at `now`: pending, due, and held by no running lease.
fn due_at(now: chrono::DateTime<Utc>) -> Condition {
    use outbox_mail::Column as C;
    Condition::all()
        .add(C::Status.eq(PENDING))
        .add(C::NextAttemptAt.lte(now))
        .add(
            Condition::any()
                .add(C::ClaimedUntil.is_null())
                .add(C::ClaimedUntil.lte(now)),
        )
}

/// The sender: a handle to start, wake and stop the task. Cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    db: DatabaseConnection,
    transport: Transport,
    from: Mailbox,
    /// The right-hand side of `Message-ID`s (the sender address's domain).
    domain: String,
    poll: Duration,
    wake: Arc<Notify>,
    task: Mutex<Option<tokio::task::AbortHandle>>,
}

impl Mailer {
    /// Checks the configuration (`mail_from`, `smtp_url`) without connecting anywhere. The
    /// task runs once [`Mailer::start`] is called (by the server, not by one-off commands,
    /// which leave their mail to the running server).
    pub fn new(
        config: &Config,
        db: &DatabaseConnection,
        wake: Arc<Notify>,
    ) -> anyhow::Result<Self> {
        let from: Mailbox = config.mail_from.parse().map_err(|e| {
            anyhow::anyhow!("mail_from {:?} is not an address: {e}", config.mail_from)
        })?;
        let transport = Transport::from_config(config.smtp_url.as_ref(), &config.data_dir)?;
        // Same pool, its own statement counter: the sender's background statements are not
        // the requests' (`/metrics` and the tests count those per request).
        let mut db = db.clone();
        db.set_metric_callback(|_| {});
        Ok(Self {
            inner: Arc::new(Inner {
                domain: from.email.domain().to_owned(),
                from,
                db,
                transport,
                poll: Duration::from_secs(config.mail_poll_seconds.max(1)),
                wake,
                task: Mutex::new(None),
            }),
        })
    }

    /// Starts the task (once; again after [`Mailer::stop`]).
    pub fn start(&self) {
        let mut task = self.inner.task.lock().unwrap_or_else(|p| p.into_inner());
        if task.as_ref().is_some_and(|t| !t.is_finished()) {
            return;
        }
        tracing::info!(
            "mail sender started: outbox mails go to {}",
            self.inner.transport.describe()
        );
        *task = Some(tokio::spawn(self.clone().run()).abort_handle());
    }

    /// Stops the task where it is, as a crash would (tests use it).
    pub fn stop(&self) {
        let task = self
            .inner
            .task
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(t) = task {
            t.abort();
        }
    }

    /// Looks at the outbox now rather than at the next poll.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    async fn run(self) {
        loop {
            let claimed = match self.deliver_due().await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = ?e, "mail sender: the outbox could not be read or updated");
                    0
                }
            };
            // A full batch: more may be due at once.
            if claimed as u64 >= BATCH {
                continue;
            }
            tokio::select! {
                () = self.inner.wake.notified() => {}
                () = tokio::time::sleep(self.inner.poll) => {}
            }
        }
    }

    /// One round: claims up to [`BATCH`] due rows, sends them ([`CONCURRENCY`] at a time,
    /// over the transport's pooled connections), records each outcome. Returns how many rows
    /// were claimed.
    pub async fn deliver_due(&self) -> DomainResult<usize> {
        use futures_util::stream::{self, StreamExt, TryStreamExt};
        let claimed = self.claim().await?;
        let n = claimed.len();
        let stop_at = Instant::now() + LEASE - LEASE_MARGIN;
        // Each row: sent and recorded, or (the lease nearly over) handed back.
        let late: Vec<Uuid> = stream::iter(claimed)
            .map(|row| async move {
                if Instant::now() >= stop_at {
                    return Ok(Some(row.id));
                }
                let outcome = match self.message(&row) {
                    Ok(m) => self.inner.transport.send(row.id, m).await,
                    Err(f) => Err(f),
                };
                self.record(&row, outcome).await.map(|()| None)
            })
            .buffer_unordered(CONCURRENCY)
            .try_filter_map(|late| async move { Ok(late) })
            .try_collect()
            .await?;
        if !late.is_empty() {
            self.release(late).await?;
        }
        Ok(n)
    }

    /// The due rows nobody holds, leased to this sender, in one short transaction.
    async fn claim(&self) -> DomainResult<Vec<outbox_mail::Model>> {
        use outbox_mail::Column as C;
        let db = &self.inner.db;
        let now = Utc::now();
        // Most polls find nothing: a plain read first, so that they do not take SQLite's
        // write lock for nothing.
        let due = outbox_mail::Entity::find()
            .filter(due_at(now))
            .limit(1)
            .all(db)
            .await?;
        if due.is_empty() {
            return Ok(due);
        }
        let txn = db
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await?;
        let mut q = outbox_mail::Entity::find()
            .filter(due_at(now))
            .order_by_asc(C::NextAttemptAt)
            .order_by_asc(C::Id)
            .limit(BATCH);
        if txn.get_database_backend() == DbBackend::Postgres {
            q = q.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let rows = q.all(&txn).await?;
        if rows.is_empty() {
            txn.commit().await?;
            return Ok(rows);
        }
        let lease =
            chrono::Duration::from_std(LEASE).unwrap_or_else(|_| chrono::Duration::minutes(5));
        outbox_mail::Entity::update_many()
            .col_expr(C::ClaimedUntil, Expr::value(Some(now + lease)))
            .filter(C::Id.is_in(rows.iter().map(|r| r.id)))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(rows)
    }

    /// Gives claimed rows back (the lease is nearly over).
    async fn release(&self, ids: Vec<Uuid>) -> DomainResult<()> {
        use outbox_mail::Column as C;
        outbox_mail::Entity::update_many()
            .col_expr(
                C::ClaimedUntil,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .filter(C::Id.is_in(ids))
            .filter(C::Status.eq(PENDING))
            .exec(&self.inner.db)
            .await?;
        Ok(())
    }

    /// Marks the row sent, or schedules the next try, or gives up.
    async fn record(
        &self,
        row: &outbox_mail::Model,
        outcome: Result<(), Failure>,
    ) -> DomainResult<()> {
        use outbox_mail::Column as C;
        let now = Utc::now();
        let attempts = row.attempts.saturating_add(1);
        let none: Option<chrono::DateTime<Utc>> = None;
        let mut update = outbox_mail::Entity::update_many()
            .col_expr(C::Attempts, Expr::value(attempts))
            .col_expr(C::ClaimedUntil, Expr::value(none))
            .filter(C::Id.eq(row.id))
            .filter(C::Status.eq(PENDING));
        match outcome {
            Ok(()) => {
                update = update
                    .col_expr(C::Status, Expr::value(SENT))
                    .col_expr(C::SentAt, Expr::value(Some(now)));
                if CARRIES_A_TOKEN.contains(&row.kind.as_str()) {
                    update = update
                        .col_expr(C::TextBody, Expr::value(""))
                        .col_expr(C::HtmlBody, Expr::value(""));
                }
            }
            Err(f) => {
                let give_up = f.permanent || attempts >= MAX_ATTEMPTS;
                tracing::warn!(
                    mail = %row.id,
                    attempts,
                    permanent = f.permanent,
                    error = %f.detail,
                    "mail not delivered{}",
                    if give_up { ", given up" } else { ", will retry" }
                );
                update = update
                    .col_expr(C::LastError, Expr::value(Some(f.detail)))
                    .col_expr(
                        C::Status,
                        Expr::value(if give_up { FAILED } else { PENDING }),
                    );
                if !give_up {
                    update =
                        update.col_expr(C::NextAttemptAt, Expr::value(now + backoff(attempts)));
                }
            }
        }
        update.exec(&self.inner.db).await?;
        Ok(())
    }

    /// The MIME message of a row: text and HTML alternatives, the `.ics` as an invitation
    /// attachment, `List-Unsubscribe` when the mail may be turned off.
    fn message(&self, row: &outbox_mail::Model) -> Result<Message, Failure> {
        let to: Mailbox = row
            .to_address
            .parse()
            .map_err(|_| Failure::permanent("the recipient's address is not valid"))?;
        let mut builder = Message::builder()
            .from(self.inner.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .message_id(Some(format!("<{}@{}>", row.id, self.inner.domain)))
            .date_now()
            .header(ContentLanguage(row.language.code().to_owned()));
        if let Some(target) = &row.unsubscribe {
            builder = builder.header(ListUnsubscribe(format!("<{target}>")));
        }
        let alternative =
            MultiPart::alternative_plain_html(row.text_body.clone(), row.html_body.clone());
        let body = match &row.ics {
            Some(ics) => {
                let calendar =
                    ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                        .map_err(|e| Failure::permanent(format!("calendar content type: {e}")))?;
                MultiPart::mixed().multipart(alternative).singlepart(
                    SinglePart::builder()
                        .header(calendar)
                        .header(ContentDisposition::attachment("invite.ics"))
                        .body(ics.clone()),
                )
            }
            None => alternative,
        };
        builder
            .multipart(body)
            .map_err(|e| Failure::permanent(format!("cannot build the message: {e}")))
    }
}

/// `List-Unsubscribe: <https://…/notifications>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `Content-Language: fr` (RFC 3282): the recipient's language.
#[derive(Clone)]
struct ContentLanguage(String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_six_hours() {
        assert_eq!(backoff(1), chrono::Duration::seconds(60));
        assert_eq!(backoff(2), chrono::Duration::seconds(120));
        assert_eq!(backoff(7), chrono::Duration::seconds(3840));
        assert_eq!(backoff(12), chrono::Duration::hours(6));
        assert_eq!(backoff(i32::MAX), chrono::Duration::hours(6));
    }
}
