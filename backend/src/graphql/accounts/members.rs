//! The register of members and invitations: the board's members page (`members`,
//! `updateRegisterEntry`), invitations by e-mail or CSV roster (`inviteMembers`,
//! `importMembers`, `invitations`), and the invitee's side (`invitation`, `acceptInvitation`).

use crate::auth::jwt::JwtKeys;
use crate::domain::accounts::{invitations, register};
use crate::domain::DomainError;
use crate::entities::mail_token;
use crate::graphql::accounts::{parse_uuid, AuthPayload, Owner, User};
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::pagination::{from_rows, page_size, Page};
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use constellation_shared::dto::reach::{
    InvitationStatus, InviteInput, MemberFilter, RegisterEntryInput,
};
use constellation_shared::{Language, MembershipKind};

/// A row of the register: the account and the register's entry for it. Only the board's
/// queries return it.
pub struct Member(pub register::MemberRow);

#[Object]
impl Member {
    async fn user(&self) -> User {
        User::from(self.0.user.clone())
    }

    /// Empty when none is recorded.
    async fn address(&self) -> &str {
        self.0.entry.as_ref().map_or("", |e| e.address.as_str())
    }

    /// `YYYY-MM-DD`
    async fn admitted_on(&self) -> Option<String> {
        self.0
            .entry
            .as_ref()
            .and_then(|e| e.admitted_on)
            .map(|d| d.to_string())
    }

    /// `YYYY-MM-DD`
    async fn left_on(&self) -> Option<String> {
        self.0
            .entry
            .as_ref()
            .and_then(|e| e.left_on)
            .map(|d| d.to_string())
    }

    /// The board's note.
    async fn note(&self) -> &str {
        self.0.entry.as_ref().map_or("", |e| e.note.as_str())
    }
}

/// A refused line of a list of invitations.
#[derive(SimpleObject)]
pub struct InvitationProblem {
    /// 1-based: the position in the list, or the line of the file (the header is line 1).
    line: i32,
    email: String,
    /// An `ErrorCode` (`VALIDATION`, `EMAIL_TAKEN`, `CONFLICT` for an address given twice).
    code: String,
    field: Option<String>,
    /// A `ValidationReason`, with `VALIDATION`.
    reason: Option<String>,
}

/// All invited, or (any problem) no one.
#[derive(SimpleObject)]
pub struct InvitationReport {
    invited: i32,
    problems: Vec<InvitationProblem>,
}

impl From<invitations::Report> for InvitationReport {
    fn from(r: invitations::Report) -> Self {
        Self {
            invited: i32::try_from(r.invited).unwrap_or(i32::MAX),
            problems: r
                .problems
                .into_iter()
                .map(|p| InvitationProblem {
                    line: i32::try_from(p.line).unwrap_or(i32::MAX),
                    email: p.email,
                    code: p.code.as_str().to_owned(),
                    field: p.field.map(str::to_owned),
                    reason: p.reason.map(|r| r.as_str().to_owned()),
                })
                .collect(),
        }
    }
}

/// An invitation as the board follows it (the token itself is never shown again).
pub struct Invitation(pub mail_token::Model);

#[Object]
impl Invitation {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn email(&self) -> &str {
        &self.0.email
    }

    async fn display_name(&self) -> Option<&str> {
        self.0.display_name.as_deref()
    }

    async fn membership_kind(&self) -> MembershipKind {
        invitations::kind_of(&self.0)
    }

    async fn status(&self) -> InvitationStatus {
        invitations::status(&self.0)
    }

    async fn invited_by(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.created_by {
            Some(id) => crate::graphql::labs::person(ctx, id).await,
            None => Ok(None),
        }
    }

    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }

    async fn expires_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.expires_at
    }

    async fn used_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.used_at
    }
}

/// What the invitation page shows the person who holds the link.
pub struct InvitationInfo(pub mail_token::Model);

#[Object]
impl InvitationInfo {
    async fn email(&self) -> &str {
        &self.0.email
    }

    async fn display_name(&self) -> Option<&str> {
        self.0.display_name.as_deref()
    }

    async fn membership_kind(&self) -> MembershipKind {
        invitations::kind_of(&self.0)
    }

    async fn expires_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.expires_at
    }
}

#[derive(Default)]
pub struct MembersQuery;

#[Object]
impl MembersQuery {
    /// The register of members (board and admins), by name. Former members (a leaving date
    /// passed, a deleted account) only with `filter.includeLeft`.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        filter: Option<MemberFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<Member>> {
        let limit = page_size(first)?;
        let rows = register::members(
            ctx.env(),
            ctx.actor(),
            filter.unwrap_or_default(),
            after.as_deref(),
            limit as u64 + 1,
        )
        .await
        .gql()?;
        Ok(from_rows(
            rows,
            limit,
            after.is_some(),
            register::cursor_of,
            Member,
        ))
    }

    /// Invitations sent (board and admins), newest first; `pendingOnly` keeps those still
    /// waiting to be used.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn invitations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        pending_only: Option<bool>,
    ) -> Result<Page<Invitation>> {
        let limit = page_size(first)?;
        let cursor = after.map(|a| parse_uuid("after", &ID(a))).transpose()?;
        let rows = invitations::list(
            ctx.env(),
            ctx.actor(),
            pending_only.unwrap_or(false),
            cursor,
            limit as u64 + 1,
        )
        .await
        .gql()?;
        Ok(from_rows(
            rows,
            limit,
            cursor.is_some(),
            |t| t.id.to_string(),
            Invitation,
        ))
    }

    /// Whom an invitation link is for (anyone holding it); `NOT_FOUND` once used or expired.
    /// Reading it does not use it.
    async fn invitation(&self, ctx: &Context<'_>, token: String) -> Result<InvitationInfo> {
        invitations::find(ctx.env(), &token)
            .await
            .gql()
            .map(InvitationInfo)
    }
}

#[derive(Default)]
pub struct MembersMutation;

#[Object]
impl MembersMutation {
    /// Board and admins: a member's register entry (fields left out stay; an empty date
    /// clears it). The membership kind itself is `setRoles`'.
    async fn update_register_entry(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        input: RegisterEntryInput,
    ) -> Result<Member> {
        let id = parse_uuid("userId", &user_id)?;
        register::update_entry(ctx.env(), ctx.actor(), id, input)
            .await
            .gql()
            .map(Member)
    }

    /// Board and admins: invites each address (at most 500). Any bad line (address, name,
    /// an address given twice, one that has an account) refuses the whole list: the report
    /// says which lines, and nothing is sent.
    async fn invite_members(
        &self,
        ctx: &Context<'_>,
        invitations: Vec<InviteInput>,
    ) -> Result<InvitationReport> {
        invitations::invite(ctx.env(), ctx.actor(), invitations)
            .await
            .gql()
            .map(InvitationReport::from)
    }

    /// Board and admins: invites the people of a CSV roster (header `name,email,kind`, at most
    /// 500 lines and 1 MiB), all or none as `inviteMembers`.
    async fn import_members(&self, ctx: &Context<'_>, csv: String) -> Result<InvitationReport> {
        invitations::import(ctx.env(), ctx.actor(), &csv)
            .await
            .gql()
            .map(InvitationReport::from)
    }

    /// Creates the invited account (kind set by the board, address verified) and signs in.
    /// A link works once; an address that has an account by now is `EMAIL_TAKEN`. The
    /// Labs whose links the address also had invite the new account.
    async fn accept_invitation(
        &self,
        ctx: &Context<'_>,
        token: String,
        password: String,
        display_name: Option<String>,
        language: Option<Language>,
    ) -> Result<AuthPayload> {
        let user = crate::domain::flows::invitation::accept(
            ctx.env(),
            &token,
            &password,
            display_name.as_deref(),
            language,
        )
        .await
        .gql()?;
        let token = ctx
            .data_unchecked::<JwtKeys>()
            .issue(user.id, user.token_version)
            .map_err(DomainError::internal)
            .gql()?;
        Ok(AuthPayload {
            token,
            user: User(user, Owner::Owner),
        })
    }
}
