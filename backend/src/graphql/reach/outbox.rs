//! The outbox as the admins and the board see it: mails that failed (and sending one
//! again), and the sending record of one subject (an assembly's convocation).

use crate::domain::reach::{mail, outbox};
use crate::entities::outbox_mail;
use crate::graphql::accounts::{parse_uuid, User};
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::pagination::{from_rows, page_size, Page};
use async_graphql::{Context, Enum, Object, Result, ID};

/// Where a mail stands.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum MailStatus {
    /// Waiting to be sent, or for its next try after a failure.
    Pending,
    /// Accepted by the mail server.
    Sent,
    /// Given up: refused for good, or failed at every try.
    Failed,
}

impl MailStatus {
    fn of(code: &str) -> Self {
        match code {
            mail::SENT => Self::Sent,
            mail::FAILED => Self::Failed,
            _ => Self::Pending,
        }
    }
}

/// One mail of the outbox: to whom, about what, and what became of it. Never its body.
pub struct MailDelivery(pub outbox_mail::Model);

#[Object]
impl MailDelivery {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// The address it was sent to.
    async fn recipient(&self) -> &str {
        &self.0.to_address
    }

    /// The member it was for, when it was for one.
    async fn user(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.user_id {
            Some(id) => crate::graphql::labs::person(ctx, id).await,
            None => Ok(None),
        }
    }

    /// What it is (`RESET`, `VERIFY`, `INVITE`, a notification kind such as
    /// `ASSEMBLY_CONVENED`).
    async fn kind(&self) -> &str {
        &self.0.kind
    }

    async fn subject(&self) -> &str {
        &self.0.subject
    }

    /// What it is about (`assembly`), if anything.
    async fn subject_type(&self) -> Option<&str> {
        self.0.subject_type.as_deref()
    }

    async fn subject_id(&self) -> Option<&str> {
        self.0.subject_id.as_deref()
    }

    async fn status(&self) -> MailStatus {
        MailStatus::of(&self.0.status)
    }

    /// Tries so far, the successful one included.
    async fn attempts(&self) -> i32 {
        self.0.attempts
    }

    /// Why the last try failed.
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }

    /// When it was written (with the change that caused it).
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }

    /// When the next try is due (pending mails only).
    async fn next_attempt_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        (self.0.status == mail::PENDING).then_some(self.0.next_attempt_at)
    }

    /// When the mail server accepted it.
    async fn sent_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.sent_at
    }
}

fn page(rows: Vec<outbox_mail::Model>, limit: usize, after: bool) -> Page<MailDelivery> {
    from_rows(rows, limit, after, |m| m.id.to_string(), MailDelivery)
}

#[derive(Default)]
pub struct OutboxQuery;

#[Object]
impl OutboxQuery {
    /// Mails that failed: given up, or waiting for another try. Newest first; admins.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn mail_failures(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<MailDelivery>> {
        let limit = page_size(first)?;
        let after = after.map(|a| parse_uuid("after", &ID(a))).transpose()?;
        let rows = outbox::failures(ctx.env(), ctx.actor(), after, limit as u64 + 1)
            .await
            .gql()?;
        Ok(page(rows, limit, after.is_some()))
    }

    /// Every mail about one subject (`subjectType: "assembly"` and its id: the
    /// convocation's sending record), oldest first. The board and admins.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn mail_deliveries(
        &self,
        ctx: &Context<'_>,
        subject_type: String,
        subject_id: String,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<MailDelivery>> {
        let limit = page_size(first)?;
        let after = after.map(|a| parse_uuid("after", &ID(a))).transpose()?;
        let rows = outbox::deliveries(
            ctx.env(),
            ctx.actor(),
            &subject_type,
            &subject_id,
            after,
            limit as u64 + 1,
        )
        .await
        .gql()?;
        Ok(page(rows, limit, after.is_some()))
    }
}

#[derive(Default)]
pub struct OutboxMutation;

#[Object]
impl OutboxMutation {
    /// Sends a mail again (admins): a given-up one starts over, a waiting one is tried now.
    async fn retry_mail(&self, ctx: &Context<'_>, id: ID) -> Result<MailDelivery> {
        let id = parse_uuid("id", &id)?;
        outbox::retry(ctx.env(), ctx.actor(), id)
            .await
            .gql()
            .map(MailDelivery)
    }
}
