//! `POST /graphql` (single or batched), GraphiQL on `GET /graphql`, and subscriptions over
//! WebSocket (graphql-ws) at `/graphql/ws`.

use super::auth::{actor_from_token, bearer, caller_from_token, client_address};
use crate::app::AppState;
use crate::graphql::context::ClientAddress;
use crate::graphql::error::{refusal, tag_uncoded};
use async_graphql::http::{GraphiQLSource, ALL_WEBSOCKET_PROTOCOLS};
use async_graphql::{BatchRequest, BatchResponse, Data};
use async_graphql_axum::{GraphQLProtocol, GraphQLResponse, GraphQLWebSocket};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use constellation_shared::ErrorCode;
use std::net::SocketAddr;

fn refuse(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    (status, GraphQLResponse::from(refusal(code, message))).into_response()
}

pub async fn graphql_handler(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(rejection) => {
            let status = rejection.status();
            let msg = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "request body too large"
            } else {
                "cannot read the request body"
            };
            return refuse(status, ErrorCode::BadRequest, msg);
        }
    };
    let batch: BatchRequest = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                "the body is not a GraphQL request",
            )
        }
    };
    if let BatchRequest::Batch(list) = &batch {
        if list.len() > state.config.max_batch_len {
            return refuse(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                "too many operations in one batch",
            );
        }
    }
    let (actor, caller) = caller_from_token(&state, bearer(&headers)).await;
    let address = ClientAddress(Some(client_address(&state, &headers, peer)));
    // Each operation gets its own loaders (their cache lives as long as the operation).
    let data = || {
        let mut d = Data::default();
        d.insert(actor.clone());
        d.insert(address.clone());
        if let Some(c) = &caller {
            d.insert(c.clone());
        }
        crate::graphql::loaders::attach(&state.env, &mut d);
        d
    };
    let batch = match batch {
        BatchRequest::Single(mut r) => {
            r.data = data();
            BatchRequest::Single(r)
        }
        BatchRequest::Batch(list) => BatchRequest::Batch(
            list.into_iter()
                .map(|mut r| {
                    r.data = data();
                    r
                })
                .collect(),
        ),
    };
    let mut resp = state.schema.execute_batch(batch).await;
    match &mut resp {
        BatchResponse::Single(r) => tag_uncoded(r),
        BatchResponse::Batch(rs) => rs.iter_mut().for_each(tag_uncoded),
    }
    state.metrics.graphql(&resp);
    GraphQLResponse::from(resp).into_response()
}

pub async fn graphiql(State(state): State<AppState>) -> Response {
    if !state.config.graphiql {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [(
            axum::http::header::CONTENT_SECURITY_POLICY,
            super::security::GRAPHIQL_POLICY,
        )],
        Html(
            GraphiQLSource::build()
                .endpoint("/graphql")
                .subscription_endpoint("/graphql/ws")
                .finish(),
        ),
    )
        .into_response()
}

/// Largest WebSocket message a client may send.
pub const WS_MAX_MESSAGE_BYTES: usize = 64 * 1024;

/// The token travels in the connection's init payload: `{"token": "…"}` (or
/// `{"Authorization": "Bearer …"}`).
pub async fn graphql_ws(
    State(state): State<AppState>,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    let schema = state.schema.clone();
    // A subscription document is small: a message over 64 KiB closes the connection
    // (the default, 64 MiB, would let one client pin that much memory per frame).
    upgrade
        .max_message_size(WS_MAX_MESSAGE_BYTES)
        .max_frame_size(WS_MAX_MESSAGE_BYTES)
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |stream| {
            GraphQLWebSocket::new(stream, schema, protocol)
                .on_connection_init(move |payload| async move {
                    let token = payload
                        .get("token")
                        .and_then(|v| v.as_str())
                        .map(str::to_owned)
                        .or_else(|| {
                            payload
                                .get("Authorization")
                                .and_then(|v| v.as_str())
                                .and_then(|v| v.strip_prefix("Bearer "))
                                .map(str::to_owned)
                        });
                    let actor = actor_from_token(&state, token.as_deref()).await;
                    let claims = token.as_deref().and_then(|t| state.jwt.verify_claims(t));
                    let expires_at = claims.map(|(_, exp, _)| exp);
                    let token_version = claims.map(|(_, _, version)| version);
                    let mut data = Data::default();
                    data.insert(actor);
                    data.insert(crate::graphql::context::WsSession {
                        expires_at,
                        token_version,
                    });
                    crate::graphql::loaders::attach(&state.env, &mut data);
                    Ok(data)
                })
                .serve()
        })
}
