//! The frontend's files, from `frontend_dir` or embedded in release builds, with a fallback
//! to `index.html` for client-side routes.
//!
//! `cargo xtask build-frontend` fingerprints the app's files (`pkg/<hash>/…`, `style-<hash>.css`)
//! and precompresses every file as `<file>.br` and `<file>.gz` at the highest level. Here we
//! only choose: a fingerprinted file is cached for good (`immutable`), anything else
//! (`index.html`) is `no-cache` with an `ETag`, so a repeat visit costs a `304`. The
//! precompressed file is sent when the client accepts its encoding; nothing is compressed
//! on the fly, and a client that accepts no encoding gets the plain file.

use crate::app::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::borrow::Cow;

#[cfg(feature = "embed-frontend")]
#[derive(rust_embed::RustEmbed)]
#[folder = "../target/site"]
struct Embedded;

fn embedded(path: &str) -> Option<Cow<'static, [u8]>> {
    #[cfg(feature = "embed-frontend")]
    {
        Embedded::get(path).map(|f| f.data)
    }
    #[cfg(not(feature = "embed-frontend"))]
    {
        let _ = path;
        None
    }
}

async fn read(state: &AppState, path: &str) -> Option<Cow<'static, [u8]>> {
    // No path traversal: only plain relative segments.
    if path.split('/').any(|s| s == ".." || s.starts_with('.')) {
        return None;
    }
    match &state.config.frontend_dir {
        Some(dir) => tokio::fs::read(dir.join(path)).await.ok().map(Cow::Owned),
        None => embedded(path),
    }
}

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>Constellation</title>\
<p>The frontend is not built. Run <code>cargo xtask serve</code>.</p>";

/// The fingerprint of a file the build named: `name-<16 hex digits>.ext` (the stylesheet),
/// or any file under `pkg/<16 hex digits>/` (the app's modules, which import each other by
/// relative name and so are fingerprinted as one folder).
pub fn fingerprint(path: &str) -> Option<&str> {
    let is_hash = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let mut segments = path.split('/');
    if segments.next() == Some("pkg") {
        if let Some(dir) = segments.next().filter(|d| is_hash(d)) {
            if segments.next().is_some() {
                return Some(dir);
            }
        }
    }
    let file = path.rsplit('/').next()?;
    let stem = file.split('.').next()?;
    let (_, hash) = stem.rsplit_once('-')?;
    is_hash(hash).then_some(hash)
}

/// A stored encoding of a file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn suffix(self) -> &'static str {
        match self {
            Encoding::Brotli => ".br",
            Encoding::Gzip => ".gz",
            Encoding::Identity => "",
        }
    }
    fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
            Encoding::Identity => "identity",
        }
    }
}

/// The encodings the client accepts, best first (brotli before gzip); `q=0` refuses one.
pub fn accepted(headers: &HeaderMap) -> Vec<Encoding> {
    let mut br = false;
    let mut gzip = false;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let token = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            match token.as_str() {
                "br" => br = !refused,
                "gzip" | "x-gzip" => gzip = !refused,
                "*" if !refused => {
                    br = true;
                    gzip = true;
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::with_capacity(3);
    if br {
        out.push(Encoding::Brotli);
    }
    if gzip {
        out.push(Encoding::Gzip);
    }
    out.push(Encoding::Identity);
    out
}

/// Sends `path` (and its precompressed twin when the client takes one), or `None`.
async fn send(state: &AppState, path: &str, headers: &HeaderMap) -> Option<Response> {
    let immutable = fingerprint(path).is_some();
    let mut found = None;
    for encoding in accepted(headers) {
        if let Some(bytes) = read(state, &format!("{path}{}", encoding.suffix())).await {
            found = Some((encoding, bytes));
            break;
        }
    }
    let (encoding, bytes) = found?;
    // A fingerprinted name is its own validator; anything else is hashed (index.html: small).
    let tag = match fingerprint(path) {
        Some(hash) => hash.to_owned(),
        None => {
            let digest = Sha256::digest(&bytes);
            digest[..8].iter().map(|b| format!("{b:02x}")).collect()
        }
    };
    let etag = format!("\"{tag}-{}\"", encoding.token());
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let cache = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut out = HeaderMap::new();
    let mut put = |name, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            out.insert(name, v);
        }
    };
    put(header::CACHE_CONTROL, cache);
    put(header::ETAG, &etag);
    put(header::VARY, "Accept-Encoding");
    let not_modified = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| {
            let t = t.trim();
            t == "*" || t.trim_start_matches("W/") == etag
        });
    if not_modified {
        return Some((StatusCode::NOT_MODIFIED, out).into_response());
    }
    put(header::CONTENT_TYPE, mime.as_ref());
    if encoding != Encoding::Identity {
        put(header::CONTENT_ENCODING, encoding.token());
    }
    Some((out, bytes.into_owned()).into_response())
}

pub async fn serve(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let last = path.rsplit('/').next().unwrap_or_default();
    let is_file = last.contains('.');
    // The precompressed twins are served by negotiation, never asked for by name.
    if is_file && (last.ends_with(".br") || last.ends_with(".gz")) {
        return StatusCode::NOT_FOUND.into_response();
    }
    if !path.is_empty() && is_file {
        return send(&state, path, &headers)
            .await
            .unwrap_or_else(|| StatusCode::NOT_FOUND.into_response());
    }
    match send(&state, "index.html", &headers).await {
        Some(resp) => resp,
        None => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            NOT_BUILT,
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).expect("header"),
        );
        h
    }

    #[test]
    fn fingerprints_are_sixteen_hex_digits() {
        assert_eq!(
            fingerprint("pkg/constellation-0123456789abcdef.wasm"),
            Some("0123456789abcdef")
        );
        assert_eq!(
            fingerprint("style-0123456789abcdef.css"),
            Some("0123456789abcdef")
        );
        assert_eq!(fingerprint("index.html"), None);
        assert_eq!(fingerprint("pkg/constellation_bg.wasm"), None);
        assert_eq!(fingerprint("a-xyz.js"), None);
        // The app's folder: every file under it, at any depth, but not the folder itself
        // nor a folder elsewhere.
        for file in ["constellation.js", "split_x.wasm", "snippets/a/b.js"] {
            assert_eq!(
                fingerprint(&format!("pkg/0123456789abcdef/{file}")),
                Some("0123456789abcdef")
            );
        }
        assert_eq!(fingerprint("pkg/0123456789abcdef"), None);
        assert_eq!(fingerprint("pkg/0123456789abcdeg/a.js"), None);
        assert_eq!(fingerprint("other/0123456789abcdef/a.js"), None);
    }

    #[test]
    fn encodings_follow_accept_encoding() {
        use Encoding::*;
        assert_eq!(accepted(&HeaderMap::new()), vec![Identity]);
        assert_eq!(
            accepted(&with("gzip, deflate, br")),
            vec![Brotli, Gzip, Identity]
        );
        assert_eq!(accepted(&with("gzip")), vec![Gzip, Identity]);
        assert_eq!(accepted(&with("br;q=0, gzip;q=0.5")), vec![Gzip, Identity]);
        assert_eq!(accepted(&with("*")), vec![Brotli, Gzip, Identity]);
        assert_eq!(accepted(&with("identity")), vec![Identity]);
    }
}
