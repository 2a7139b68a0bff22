//! Once the assembly is closed: its minutes, as Markdown and as a printable page. The
//! server wants the session token, which a plain link cannot send, so a click downloads
//! the file with it.

use super::state::AssemblyCtx;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use constellation_shared::dto::assemblies::AssemblyStatus;
use constellation_shared::queries::assemblies::minutes_path;
use leptos::prelude::*;

#[component]
pub fn MinutesLinks(ctx: AssemblyCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let download = move |ev: leptos::ev::MouseEvent, html: bool| {
        ev.prevent_default();
        error.set(None);
        note.set(None);
        let Some(token) = ctx.session.token() else {
            return;
        };
        let id = ctx.id();
        let path = minutes_path(&id, html);
        let filename = format!("minutes-{id}.{}", if html { "html" } else { "md" });
        leptos::task::spawn_local(async move {
            match api::download(&path, &filename, token).await {
                Ok(()) => {
                    note.try_set(Some(
                        strings(ctx.session.lang.get_untracked()).download_done,
                    ));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <Show when=move || ctx.status() == Some(AssemblyStatus::Closed)>
            <section aria-labelledby="minutes-h">
                <h2 id="minutes-h">{move || t().assemblies().minutes}</h2>
                <ul class="minutes-links">
                    <li>
                        <a
                            id="minutes-md"
                            href=move || minutes_path(&ctx.id(), false)
                            on:click=move |ev| download(ev, false)
                        >
                            {move || t().assemblies().minutes_md}
                        </a>
                    </li>
                    <li>
                        <a
                            id="minutes-html"
                            href=move || minutes_path(&ctx.id(), true)
                            on:click=move |ev| download(ev, true)
                        >
                            {move || t().assemblies().minutes_html}
                        </a>
                    </li>
                </ul>
                <FormError error=error />
                <FormNote text=note.into() />
            </section>
        </Show>
    }
}
