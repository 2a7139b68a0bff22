//! The one GraphQL client. Documents come from `constellation_shared::queries`; pages never
//! build query strings.

pub mod load;
pub mod paged;
pub mod ws;

pub use load::{load, update_loaded, with_loaded, Call};
pub use paged::{paged, Page, Paged};

use crate::session::Session;
use constellation_shared::graphql::{Request, Response};
use constellation_shared::{ErrorCode, Language, ValidationReason};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A failed call, as a person should read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub field: Option<String>,
    pub reason: Option<ValidationReason>,
}

impl std::fmt::Display for ApiError {
    /// The code, for the console; a person reads [`ApiError::message`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.as_str())
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    fn network() -> Self {
        Self {
            code: ErrorCode::Internal,
            field: None,
            reason: None,
        }
    }

    /// A field refused in the browser before sending, shown like the server's own refusal.
    pub fn invalid(field: &str, reason: ValidationReason) -> Self {
        Self {
            code: ErrorCode::Validation,
            field: Some(field.to_owned()),
            reason: Some(reason),
        }
    }

    /// The reason when there is one (more precise), else the code's message.
    pub fn message(&self, lang: Language) -> &'static str {
        match self.reason {
            Some(r) => r.message(lang),
            None => self.code.message(lang),
        }
    }

    /// The message if this error is about `field`.
    pub fn for_field(&self, field: &str, lang: Language) -> Option<&'static str> {
        (self.field.as_deref() == Some(field)).then(|| self.message(lang))
    }
}

/// One GraphQL call, for a mutation (a page's reads go through [`load`]).
pub async fn request<V: Serialize, D: DeserializeOwned>(
    document: &str,
    variables: V,
    token: Option<String>,
) -> Result<D, ApiError> {
    send(document, variables, token, None).await
}

async fn send<V: Serialize, D: DeserializeOwned>(
    document: &str,
    variables: V,
    token: Option<String>,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<D, ApiError> {
    let mut builder = gloo_net::http::Request::post("/graphql").abort_signal(abort);
    if let Some(t) = token {
        builder = builder.header("Authorization", &format!("Bearer {t}"));
    }
    let req = builder
        .json(&Request {
            query: document,
            variables,
        })
        .map_err(|_| ApiError::network())?;
    let resp = req.send().await.map_err(|_| ApiError::network())?;
    let body: Response<D> = resp.json().await.map_err(|_| ApiError::network())?;
    if let Some(err) = body.errors.first() {
        let ext = err.extensions.clone();
        return Err(ApiError {
            code: err.code(),
            field: ext.as_ref().and_then(|e| e.field.clone()),
            reason: ext.and_then(|e| e.reason),
        });
    }
    body.data.ok_or_else(ApiError::network)
}

/// Runs a mutation from an event handler and hands its answer to `done`; the error lands in
/// `error`. A second press while `busy` does nothing.
pub fn mutate<V, D>(
    session: Session,
    document: &'static str,
    vars: V,
    error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
    done: impl FnOnce(D) + 'static,
) where
    V: Serialize + 'static,
    D: DeserializeOwned + 'static,
{
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        let result = request::<V, D>(document, vars, session.token()).await;
        busy.try_set(false);
        match result {
            Ok(d) => done(d),
            Err(e) => {
                error.try_set(Some(e));
            }
        }
    });
}

/// Downloads `GET /export/me` (a zip) with the session token and saves it.
pub async fn download_my_data(token: String) -> Result<(), ApiError> {
    download("/export/me", "constellation-my-data.zip", token).await
}

/// Downloads `GET path` with the session token (a plain link cannot send it) and saves the
/// answer as `filename`.
pub async fn download(path: &str, filename: &str, token: String) -> Result<(), ApiError> {
    use wasm_bindgen::JsCast;
    let resp = gloo_net::http::Request::get(path)
        .header("Authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|_| ApiError::network())?;
    if !resp.ok() {
        let code = match resp.status() {
            401 => ErrorCode::Unauthenticated,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            _ => ErrorCode::Internal,
        };
        return Err(ApiError {
            code,
            field: None,
            reason: None,
        });
    }
    let mime = resp
        .headers()
        .get("content-type")
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let bytes = resp.binary().await.map_err(|_| ApiError::network())?;
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(&mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|_| ApiError::network())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiError::network())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(ApiError::network)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| ApiError::network())?
        .dyn_into()
        .map_err(|_| ApiError::network())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
