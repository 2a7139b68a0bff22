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
    if carries_nul(&body) {
        return refuse(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "text may not contain the NUL character",
        );
    }
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
    // The last line behind the complexity limit: the answer is serialized into a buffer that
    // refuses to grow past `max_response_bytes`, and one that would is replaced by an error.
    struct Capped(Vec<u8>, usize);
    impl std::io::Write for Capped {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0.len().saturating_add(buf.len()) > self.1 {
                return Err(std::io::Error::other("response too large"));
            }
            self.0.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let limit = state.config.max_response_bytes;
    let mut body = Capped(Vec::new(), limit);
    if let Err(e) = serde_json::to_writer(&mut body, &resp) {
        if e.is_io() {
            tracing::warn!(limit, "a GraphQL response over the size limit was refused");
            return refuse(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                "response too large",
            );
        }
        tracing::error!(error = %e, "cannot serialize a GraphQL response");
        return refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            ErrorCode::Internal.message(constellation_shared::Language::En),
        );
    }
    // The headers `GraphQLResponse` would set, around the bytes already serialized.
    let mut out = Response::new(axum::body::Body::from(body.0));
    out.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/graphql-response+json"),
    );
    if resp.is_ok() {
        if let Some(value) = resp
            .cache_control()
            .value()
            .and_then(|v| axum::http::HeaderValue::from_str(&v).ok())
        {
            out.headers_mut()
                .insert(axum::http::header::CACHE_CONTROL, value);
        }
    }
    out.headers_mut().extend(resp.http_headers());
    out
}

/// Whether a request carries U+0000 anywhere (as JSON's `\u0000`, or GraphQL's `\u0000` or
/// `\u{0}` inside the query): PostgreSQL refuses it in text, SQLite stores it, so it is
/// refused up front, the same on both, rather than failing deep inside a statement.
fn carries_nul(body: &[u8]) -> bool {
    let mut i = 0;
    while let Some(at) = body[i..].windows(2).position(|w| w == b"\\u") {
        let rest = &body[i + at + 2..];
        let hex = rest.iter().take(4).take_while(|b| **b == b'0').count();
        if hex == 4 {
            return true;
        }
        if let Some(inner) = rest.strip_prefix(b"{") {
            let zeros = inner.iter().take_while(|b| **b == b'0').count();
            if zeros > 0 && inner.get(zeros) == Some(&b'}') {
                return true;
            }
        }
        i += at + 2;
    }
    body.contains(&0)
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
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    let schema = state.schema.clone();
    let address = client_address(&state, &headers, peer);
    // A connection that has not sent `connection_init` by then is closed.
    let init_timeout = std::time::Duration::from_secs(state.config.ws_init_timeout_seconds);
    // A subscription document is small: a message over 64 KiB closes the connection
    // (the default, 64 MiB, would let one client pin that much memory per frame).
    upgrade
        .max_message_size(WS_MAX_MESSAGE_BYTES)
        .max_frame_size(WS_MAX_MESSAGE_BYTES)
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |stream| async move {
            let initialised = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let init_done = initialised.clone();
            let serve = GraphQLWebSocket::new(stream, schema, protocol)
                // An unanswered keep-alive ping ends the connection too.
                .keepalive_timeout(std::time::Duration::from_secs(60))
                .on_connection_init(move |payload| async move {
                    init_done.store(true, std::sync::atomic::Ordering::SeqCst);
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
                    let owner = match actor.id() {
                        Some(id) => format!("user:{id}"),
                        None => format!("addr:{address}"),
                    };
                    let mut data = Data::default();
                    data.insert(actor);
                    data.insert(crate::graphql::context::WsSession {
                        expires_at,
                        token_version,
                    });
                    data.insert(crate::graphql::subscriptions::ConnectionSlots::new(
                        state.subscriptions.clone(),
                        owner,
                    ));
                    crate::graphql::loaders::attach(&state.env, &mut data);
                    Ok(data)
                })
                .serve();
            // Dropping the connection's future closes the socket.
            let deadline = async {
                tokio::time::sleep(init_timeout).await;
                if initialised.load(std::sync::atomic::Ordering::SeqCst) {
                    std::future::pending::<()>().await;
                }
            };
            tokio::select! {
                () = serve => {}
                () = deadline => tracing::info!("closed a WebSocket that sent no connection_init"),
            }
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn nul_is_found_however_it_is_written() {
        use super::carries_nul;
        assert!(carries_nul(
            br#"{"query":"{ a }","variables":{"x":"a\u0000b"}}"#
        ));
        assert!(carries_nul(br#"{"query":"{ a(s: \"\\u0000\") }"}"#));
        assert!(carries_nul(br#"{"query":"{ a(s: \"\\u{0}\") }"}"#));
        assert!(carries_nul(b"{\"query\":\"\0\"}"));
        assert!(!carries_nul(
            br#"{"query":"{ a(s: \"\\u00e9 \\u0001\") }"}"#
        ));
    }
}
