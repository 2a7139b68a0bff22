//! Password reset and e-mail verification: the mutations a visitor (or the signed-in person,
//! for a new verification link) sends from the pages the mails link to.

use crate::domain::accounts::recovery;
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use async_graphql::{Context, Object, Result};

#[derive(Default)]
pub struct RecoveryMutation;

#[Object]
impl RecoveryMutation {
    /// Mails a reset link (valid 1 hour) if an account uses this address. The answer is
    /// `true` whatever the address, so it tells nobody which addresses have an account.
    async fn request_password_reset(&self, ctx: &Context<'_>, email: String) -> Result<bool> {
        recovery::request_password_reset(ctx.env(), &email, ctx.client_address())
            .await
            .gql()
            .map(|()| true)
    }

    /// Sets a new password with the token of a reset link (once). Every session of the
    /// account ends: sign in with the new password.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        token: String,
        new_password: String,
    ) -> Result<bool> {
        recovery::reset_password(ctx.env(), &token, &new_password, ctx.client_address())
            .await
            .gql()
            .map(|()| true)
    }

    /// Confirms the account's address with the token of a verification link (once).
    async fn verify_email(&self, ctx: &Context<'_>, token: String) -> Result<bool> {
        recovery::verify_email(ctx.env(), &token)
            .await
            .gql()
            .map(|()| true)
    }

    /// Mails the signed-in person a new verification link.
    async fn resend_verification(&self, ctx: &Context<'_>) -> Result<bool> {
        recovery::resend_verification(ctx.env(), ctx.actor())
            .await
            .gql()
            .map(|()| true)
    }
}
