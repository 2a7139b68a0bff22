//! Request ids, the access log and the request timeout.
//!
//! Layers, outermost first: [`request_id`] (keeps a valid `x-request-id` or makes one, and
//! returns it), [`trace_layer`] (the span and the access-log line), the security headers, the
//! metrics, then [`timeout`]; so a timed-out request is counted, logged and carries its id.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{MakeSpan, OnResponse, TraceLayer};
use tracing::Span;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id kept from a client or proxy.
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// The WebSocket route: a subscription lives for hours, so it never gets the timeout.
pub const WS_PATH: &str = "/graphql/ws";

/// A request id worth keeping: 1 to 128 visible ASCII characters (no spaces, nothing a log
/// line or a header could be bent with).
pub fn valid_request_id(id: &[u8]) -> bool {
    (1..=MAX_REQUEST_ID_LEN).contains(&id.len()) && id.iter().all(|b| b.is_ascii_graphic())
}

/// Keeps the incoming `x-request-id` when valid, else puts a fresh UUID in its place (on
/// the request, so the span and the handlers see it), and sends it back on the response.
pub async fn request_id(mut request: Request, next: Next) -> Response {
    let kept = request
        .headers()
        .get(&REQUEST_ID)
        .filter(|v| valid_request_id(v.as_bytes()))
        .cloned();
    let id = kept.unwrap_or_else(|| {
        // A UUID is always a valid header value; the fallback is never taken.
        HeaderValue::from_str(&uuid::Uuid::new_v4().to_string())
            .unwrap_or_else(|_| HeaderValue::from_static("-"))
    });
    request.headers_mut().insert(REQUEST_ID, id.clone());
    let mut response = next.run(request).await;
    response.headers_mut().insert(REQUEST_ID, id);
    response
}

/// The span of one request and its access-log line.
///
/// Built on tower-http's `TraceLayer` rather than a middleware of our own: its span is
/// entered around the inner service and the response body, so whatever a handler logs
/// carries the request id too, and its failure classification adds an `ERROR` line for 5xx
/// answers. We only choose the span's fields and the one `info` line per response.
#[derive(Clone, Copy, Debug, Default)]
pub struct AccessLog;

impl<B> MakeSpan<B> for AccessLog {
    fn make_span(&mut self, request: &axum::http::Request<B>) -> Span {
        let id = request
            .headers()
            .get(&REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        // The path only: a query string can hold a token (calendar feeds, exports). At
        // `ERROR` level so that the span is on whatever the filter: with `log = "warn"` the
        // access lines are gone but a warning or an error still names its request.
        tracing::error_span!(
            "request",
            method = %request.method(),
            path = %request.uri().path(),
            request_id = %id,
        )
    }
}

impl<B> OnResponse<B> for AccessLog {
    fn on_response(self, response: &axum::http::Response<B>, latency: Duration, _: &Span) {
        tracing::info!(
            status = response.status().as_u16(),
            latency_ms = latency_ms(latency),
            "response"
        );
    }
}

/// Milliseconds with microsecond precision (`12.345`).
pub fn latency_ms(latency: Duration) -> f64 {
    latency.as_micros() as f64 / 1000.0
}

pub type AccessLogLayer =
    TraceLayer<SharedClassifier<ServerErrorsAsFailures>, AccessLog, (), AccessLog>;

/// `TraceLayer` with our span and access line (nothing logged when the request starts).
pub fn trace_layer() -> AccessLogLayer {
    TraceLayer::new_for_http()
        .make_span_with(AccessLog)
        .on_request(())
        .on_response(AccessLog)
}

/// Answers `503 Service Unavailable` when the handler has not answered within `limit`
/// (zero: no limit), except on [`WS_PATH`]. 503 rather than 408: the client was not slow to
/// send, and browsers silently resend a request answered 408, which would run a mutation
/// twice. The handler's future is dropped: an open transaction rolls back.
///
/// The exemption goes by path, not by an `Upgrade` header a client could add to any request
/// to escape the limit; that route answers nothing but the WebSocket handshake.
pub async fn timeout(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    if limit.is_zero() || request.uri().path() == WS_PATH {
        return next.run(request).await;
    }
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(limit_ms = limit.as_millis() as u64, "request timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "request timed out\n").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::telemetry::{subscriber, Capture, LogFormat};
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    #[test]
    fn only_short_visible_ascii_ids_are_kept() {
        assert!(valid_request_id(b"abc-123_XYZ.9:/="));
        assert!(valid_request_id(&[b'a'; MAX_REQUEST_ID_LEN]));
        assert!(!valid_request_id(&[b'a'; MAX_REQUEST_ID_LEN + 1]));
        assert!(!valid_request_id(b""));
        assert!(!valid_request_id(b"has space"));
        assert!(!valid_request_id(b"tab\there"));
        assert!(!valid_request_id("caf\u{e9}".as_bytes()));
    }

    #[test]
    fn latency_is_in_milliseconds() {
        assert_eq!(latency_ms(Duration::from_micros(12_345)), 12.345);
        assert_eq!(latency_ms(Duration::from_secs(2)), 2000.0);
    }

    fn app() -> Router {
        Router::new()
            .route("/feed", get(|| async { "ok" }))
            .layer(trace_layer())
            .layer(axum::middleware::from_fn(request_id))
    }

    async fn call(router: Router, request: axum::http::Request<Body>) -> Response {
        router.oneshot(request).await.unwrap()
    }

    #[tokio::test]
    async fn one_info_line_per_request_with_method_path_status_latency_and_id() {
        let out = Capture::default();
        let w = out.clone();
        let _guard = tracing::subscriber::set_default(subscriber(
            "info",
            LogFormat::Text,
            false,
            move || w.clone(),
        ));
        let request = axum::http::Request::get("/feed?token=s3cr3t-t0ken")
            .header("x-request-id", "given-id-42")
            .body(Body::empty())
            .unwrap();
        let response = call(app(), request).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[&REQUEST_ID], "given-id-42");
        let text = out.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1, "{text}");
        let line = lines[0];
        assert!(line.contains(" INFO "), "{line}");
        for field in [
            "method=GET",
            "path=/feed",
            "request_id=given-id-42",
            "status=200",
            "latency_ms=",
        ] {
            assert!(line.contains(field), "{field} missing: {line}");
        }
        assert!(!line.contains("s3cr3t"), "the query string leaked: {line}");
    }

    #[tokio::test]
    async fn an_invalid_id_is_replaced_by_a_fresh_uuid() {
        let request = axum::http::Request::get("/feed")
            .header("x-request-id", "two words")
            .body(Body::empty())
            .unwrap();
        let response = call(app(), request).await;
        let id = response.headers()[&REQUEST_ID].to_str().unwrap();
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    }

    fn slow(limit: Duration) -> Router {
        let slow = || async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            "done"
        };
        Router::new()
            .route("/slow", get(slow))
            .route(WS_PATH, get(slow))
            .layer(axum::middleware::from_fn_with_state(limit, timeout))
    }

    fn get_req(path: &str) -> axum::http::Request<Body> {
        axum::http::Request::get(path).body(Body::empty()).unwrap()
    }

    #[tokio::test]
    async fn slow_requests_answer_503_but_the_websocket_route_is_spared() {
        let limit = Duration::from_millis(20);
        let r = call(slow(limit), get_req("/slow")).await;
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        let r = call(slow(limit), get_req(WS_PATH)).await;
        assert_eq!(r.status(), StatusCode::OK);
        // Zero turns the limit off.
        let r = call(slow(Duration::ZERO), get_req("/slow")).await;
        assert_eq!(r.status(), StatusCode::OK);
        // Under the limit, the answer goes through.
        let r = call(slow(Duration::from_secs(10)), get_req("/slow")).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
}
