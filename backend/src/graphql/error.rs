//! From domain errors to GraphQL errors with `extensions.code` (and `field`, `reason`).
//! Internal errors are logged here with their context and sent as a bare `INTERNAL`; a refused
//! ballot's reason is logged and not sent.

use crate::domain::{DomainError, DomainResult};
use async_graphql::{Error, ErrorExtensions};
use constellation_shared::{ErrorCode, Language};

pub fn to_gql(e: DomainError) -> Error {
    let code = e.code();
    match &e {
        DomainError::Internal(detail) => {
            tracing::error!(error = %detail, "internal error in a GraphQL resolver");
        }
        // Which proof failed: for the operator, not for the client (a forger learns nothing).
        DomainError::InvalidBallot(reason) => {
            tracing::info!(%reason, "encrypted ballot, key or decryption refused");
        }
        _ => {}
    }
    let err = Error::new(code.message(Language::En));
    err.extend_with(|_, ext| {
        ext.set("code", code.as_str());
        if let DomainError::Validation { field, reason } = &e {
            ext.set("field", *field);
            ext.set("reason", reason.as_str());
        }
    })
}

pub trait GqlResultExt<T> {
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> GqlResultExt<T> for DomainResult<T> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(to_gql)
    }
}

/// Errors raised before any resolver ran (parse, validation, depth, complexity) carry no
/// code: mark them `BAD_REQUEST` so every error a client sees has one.
pub fn tag_uncoded(resp: &mut async_graphql::Response) {
    for err in &mut resp.errors {
        let has_code = err
            .extensions
            .as_ref()
            .is_some_and(|e| e.get("code").is_some());
        if !has_code {
            err.extensions
                .get_or_insert_with(Default::default)
                .set("code", ErrorCode::BadRequest.as_str());
        }
    }
}

/// A response made of one coded error, for refusals outside the executor.
pub fn refusal(code: ErrorCode, message: &str) -> async_graphql::Response {
    let mut err = async_graphql::ServerError::new(message, None);
    err.extensions
        .get_or_insert_with(Default::default)
        .set("code", code.as_str());
    async_graphql::Response::from_errors(vec![err])
}
