//! A minimal graphql-transport-ws client for one subscription per socket: connect to
//! `/graphql/ws`, send `connection_init` with the session token, subscribe once the server
//! acknowledges, answer pings, and hand each `next` payload's data to a callback. Dropping
//! the [`Subscription`] completes it and closes the socket. [`follow`] keeps one open for as
//! long as a page is shown, for any document and variables.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, Event, MessageEvent, WebSocket};

const PROTOCOL: &str = "graphql-transport-ws";
const ID: &str = "1";

/// An open subscription; dropping it ends it.
pub struct Subscription {
    socket: WebSocket,
    _on_open: Closure<dyn FnMut(Event)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        // Detach first: the closures are freed with `self`, and a closed socket must not
        // report itself as lost.
        self.socket.set_onopen(None);
        self.socket.set_onmessage(None);
        self.socket.set_onclose(None);
        if self.socket.ready_state() == WebSocket::OPEN {
            let _ = self
                .socket
                .send_with_str(&json!({ "id": ID, "type": "complete" }).to_string());
        }
        let _ = self.socket.close_with_code(1000);
    }
}

/// `ws://host/graphql/ws`, or `wss://` when the page came over https.
fn socket_url() -> Option<String> {
    let location = web_sys::window()?.location();
    let scheme = if location.protocol().ok()? == "https:" {
        "wss"
    } else {
        "ws"
    };
    Some(format!("{scheme}://{}/graphql/ws", location.host().ok()?))
}

fn send(socket: &WebSocket, message: &Value) {
    let _ = socket.send_with_str(&message.to_string());
}

/// Subscribes to `document`; `on_next` receives each event's data, `on_lost` runs once if
/// the socket closes or fails while the subscription is still wanted. `None` when the
/// browser refused to open the socket.
pub fn subscribe<V, D>(
    document: &'static str,
    variables: V,
    token: Option<String>,
    mut on_next: impl FnMut(D) + 'static,
    on_lost: impl FnOnce() + 'static,
) -> Option<Subscription>
where
    V: Serialize,
    D: DeserializeOwned + 'static,
{
    let variables = serde_json::to_value(variables).ok()?;
    let socket = WebSocket::new_with_str(&socket_url()?, PROTOCOL).ok()?;

    let init = json!({ "type": "connection_init", "payload": { "token": token } });
    let on_open = {
        let socket = socket.clone();
        Closure::<dyn FnMut(Event)>::new(move |_: Event| send(&socket, &init))
    };

    let subscribe = json!({
        "id": ID,
        "type": "subscribe",
        "payload": { "query": document, "variables": variables },
    });
    let on_message = {
        let socket = socket.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            let Ok(message) = serde_json::from_str::<Value>(&text) else {
                return;
            };
            match message.get("type").and_then(Value::as_str) {
                Some("connection_ack") => send(&socket, &subscribe),
                Some("ping") => send(&socket, &json!({ "type": "pong" })),
                Some("next") => {
                    let data = message
                        .get("payload")
                        .and_then(|p| p.get("data"))
                        .cloned()
                        .and_then(|d| serde_json::from_value::<D>(d).ok());
                    if let Some(data) = data {
                        on_next(data);
                    }
                }
                _ => {}
            }
        })
    };

    let mut on_lost = Some(on_lost);
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_: CloseEvent| {
        if let Some(f) = on_lost.take() {
            f();
        }
    });

    socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    Some(Subscription {
        socket,
        _on_open: on_open,
        _on_message: on_message,
        _on_close: on_close,
    })
}

/// Waits longer after each lost connection, up to a minute.
fn backoff(attempt: u32) -> Duration {
    Duration::from_secs((5u64 << attempt.min(4)).min(60))
}

/// Keeps a subscription to `document` open while the calling component is shown: opened
/// when `variables` (read reactively) gives some, opened again when they or the session
/// `token` change, reopened after a growing pause when the socket drops, and closed when the
/// component is left. `on_next` receives each event's data.
pub fn follow<V, D>(
    document: &'static str,
    token: RwSignal<Option<String>>,
    variables: impl Fn() -> Option<V> + 'static,
    on_next: impl Fn(D) + Clone + 'static,
) where
    V: Serialize + 'static,
    D: DeserializeOwned + 'static,
{
    let socket = StoredValue::new_local(None::<Subscription>);
    let attempt = RwSignal::new(0u32);
    Effect::new(move |_| {
        let tries = attempt.get();
        let token = token.get();
        // Dropping the previous subscription closes its socket.
        socket.set_value(None);
        let Some(vars) = variables() else {
            return;
        };
        let lost = move || {
            set_timeout(
                move || {
                    attempt.try_update(|a| *a += 1);
                },
                backoff(tries),
            );
        };
        socket.set_value(subscribe(document, vars, token, on_next.clone(), lost));
    });
    on_cleanup(move || {
        socket.try_set_value(None);
    });
}
