//! Accounts: `me`, `users`, `myData`; register, login, profile, password, roles, deletion.

use crate::auth::jwt::JwtKeys;
use crate::domain::{accounts, flows, flows::export, Actor, DomainError};
use crate::entities::user;
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Json, Object, Result, SimpleObject, ID};
use constellation_shared::dto::accounts::{ProfileInput, RegisterInput};
use constellation_shared::{Language, MembershipKind, ValidationReason};

pub mod members;
pub mod recovery;

/// An account as the API shows it. Built from the model; the hash never leaves.
/// `owner` marks the account just created or logged into: its owner has no session yet
/// but must see their own private fields.
pub struct User(pub user::Model, pub Owner);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Private fields follow the caller's rights.
    Viewer,
    /// Shown to the account's owner.
    Owner,
}

impl From<user::Model> for User {
    fn from(m: user::Model) -> Self {
        Self(m, Owner::Viewer)
    }
}

impl User {
    /// Email and language are private: the person themself, the board and admins.
    fn may_see_private(&self, actor: &Actor) -> bool {
        if self.1 == Owner::Owner {
            return true;
        }
        match actor {
            Actor::User(u) => u.id == self.0.id || u.is_admin || u.is_board,
            _ => false,
        }
    }
}

#[Object]
impl User {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn email(&self, ctx: &Context<'_>) -> Option<&str> {
        self.may_see_private(ctx.actor())
            .then_some(self.0.email.as_str())
    }

    /// Empty for deleted (anonymised) accounts.
    async fn display_name(&self) -> &str {
        &self.0.display_name
    }

    async fn membership_kind(&self) -> MembershipKind {
        self.0.membership_kind
    }

    async fn is_board(&self) -> bool {
        self.0.is_board
    }

    async fn is_admin(&self) -> bool {
        self.0.is_admin
    }

    async fn language(&self, ctx: &Context<'_>) -> Option<Language> {
        self.may_see_private(ctx.actor()).then_some(self.0.language)
    }

    async fn is_deleted(&self) -> bool {
        self.0.deleted_at.is_some()
    }

    /// Whether the address was confirmed by a verification link: shown to the person
    /// themself and to admins only.
    async fn email_verified(&self, ctx: &Context<'_>) -> Option<bool> {
        let allowed = self.1 == Owner::Owner
            || matches!(ctx.actor(), Actor::User(u) if u.id == self.0.id || u.is_admin);
        allowed.then_some(self.0.email_verified_at.is_some())
    }

    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
}

#[derive(SimpleObject)]
pub struct AuthPayload {
    /// Bearer token for the `Authorization` header.
    pub token: String,
    pub user: User,
}

/// The signed-in person's language (French for visitors), for messages built on the server.
pub async fn viewer_language(ctx: &Context<'_>) -> Result<Language> {
    Ok(match ctx.actor().id() {
        Some(id) => crate::graphql::labs::load::<crate::graphql::loaders::UserLoader, _>(ctx, id)
            .await?
            .map(|u| u.language)
            .unwrap_or(Language::Fr),
        None => Language::Fr,
    })
}

/// An id argument read as the id type the caller needs (`Uuid`, `MotionId`, …).
pub fn parse_uuid<T: std::str::FromStr>(field: &'static str, id: &ID) -> Result<T> {
    id.as_str()
        .parse::<T>()
        .map_err(|_| DomainError::invalid(field, ValidationReason::InvalidId))
        .gql()
}

#[derive(Default)]
pub struct AccountsQuery;

#[Object]
impl AccountsQuery {
    /// The signed-in account; null when nobody is signed in. A token that is expired,
    /// tampered with or whose account was deleted is an `UNAUTHENTICATED` error.
    async fn me(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match ctx.actor() {
            Actor::Anonymous => Ok(None),
            Actor::InvalidToken => Err(DomainError::Unauthenticated).gql(),
            Actor::User(u) => {
                if let Some(c) = ctx.data_opt::<crate::http::auth::Caller>() {
                    return Ok(Some(User::from(c.0.clone())));
                }
                let model = accounts::find_active(ctx.env(), u.id)
                    .await
                    .gql()?
                    .ok_or(DomainError::Unauthenticated)
                    .gql()?;
                Ok(Some(User::from(model)))
            }
        }
    }

    /// Members, oldest first (board and admins).
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, User, EmptyFields, EmptyFields>> {
        let limit = crate::graphql::pagination::page_size(first)? as u64;
        let after = after.map(|a| parse_uuid("after", &ID(a))).transpose()?;
        let mut rows = accounts::list_users(ctx.env(), ctx.actor(), after, limit + 1)
            .await
            .gql()?;
        let has_next = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let mut conn = Connection::new(after.is_some(), has_next);
        conn.edges.extend(
            rows.into_iter()
                .map(|u| Edge::new(u.id.to_string(), User::from(u))),
        );
        Ok(conn)
    }

    /// Everything the platform holds about the caller, as one JSON document.
    async fn my_data(&self, ctx: &Context<'_>) -> Result<Json<serde_json::Value>> {
        let export = export::my_data(ctx.env(), ctx.actor()).await.gql()?;
        Ok(Json(export.json))
    }
}

#[derive(Default)]
pub struct AccountsMutation;

#[Object]
impl AccountsMutation {
    /// Creates an account. The first account of a new platform becomes its admin.
    async fn register(&self, ctx: &Context<'_>, input: RegisterInput) -> Result<User> {
        accounts::register(ctx.env(), input, ctx.client_address())
            .await
            .gql()
            .map(|u| User(u, Owner::Owner))
    }

    /// Exchanges an email and password for a session token.
    async fn login(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
    ) -> Result<AuthPayload> {
        let user = accounts::login(ctx.env(), &email, &password, ctx.client_address())
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

    async fn update_profile(&self, ctx: &Context<'_>, input: ProfileInput) -> Result<User> {
        accounts::update_profile(ctx.env(), ctx.actor(), input)
            .await
            .gql()
            .map(User::from)
    }

    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: String,
        new_password: String,
    ) -> Result<bool> {
        accounts::change_password(ctx.env(), ctx.actor(), &current_password, &new_password)
            .await
            .gql()
            .map(|()| true)
    }

    /// Ends every session of the caller's account (every token issued so far), this one
    /// included: sign in again afterwards.
    async fn sign_out_everywhere(&self, ctx: &Context<'_>) -> Result<bool> {
        accounts::sign_out_everywhere(ctx.env(), ctx.actor())
            .await
            .gql()
            .map(|()| true)
    }

    /// Admins: membership kind, board and admin flags (omitted arguments stay as they are).
    async fn set_roles(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        membership_kind: Option<MembershipKind>,
        is_board: Option<bool>,
        is_admin: Option<bool>,
    ) -> Result<User> {
        let id = parse_uuid("userId", &user_id)?;
        accounts::set_roles(
            ctx.env(),
            ctx.actor(),
            id,
            membership_kind,
            is_board,
            is_admin,
        )
        .await
        .gql()
        .map(User::from)
    }

    /// Anonymises the caller's account (password required); governance records stay.
    async fn delete_my_account(&self, ctx: &Context<'_>, password: String) -> Result<bool> {
        flows::delete_account::delete_my_account(ctx.env(), ctx.actor(), &password)
            .await
            .gql()
            .map(|()| true)
    }
}
