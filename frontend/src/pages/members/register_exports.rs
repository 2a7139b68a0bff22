//! The register as a CSV file and as a page to print (the register as the law wants it).
//! The server wants the session token, which a plain link cannot send: a click downloads
//! the file with it.

use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use leptos::prelude::*;

const CSV_PATH: &str = "/export/members.csv";
const HTML_PATH: &str = "/export/members.html";

#[component]
pub fn RegisterExports() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let download = move |ev: leptos::ev::MouseEvent, path: &'static str, filename: &'static str| {
        ev.prevent_default();
        error.set(None);
        note.set(None);
        let Some(token) = session.token() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api::download(path, filename, token).await {
                Ok(()) => {
                    note.try_set(Some(strings(session.lang.get_untracked()).download_done));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <section aria-labelledby="exports-h">
            <h2 id="exports-h">{move || t().members().export_title}</h2>
            <ul class="minutes-links">
                <li>
                    <a id="members-csv" href=CSV_PATH rel="external" on:click=move |ev| download(ev, CSV_PATH, "constellation-members.csv")>
                        {move || t().members().export_csv}
                    </a>
                </li>
                <li>
                    <a id="members-html" href=HTML_PATH rel="external" on:click=move |ev| download(ev, HTML_PATH, "constellation-members.html")>
                        {move || t().members().export_print}
                    </a>
                </li>
            </ul>
            <FormError error=error />
            <FormNote text=note.into() />
        </section>
    }
}
