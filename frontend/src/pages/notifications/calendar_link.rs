//! The member's private calendar address (assemblies and the barcamp sessions they picked),
//! to open or copy into a calendar app.

use super::preferences_form::Settings;
use crate::components::copy_field::CopyField;
use crate::i18n::strings;
use crate::pages::barcamp::origin;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn CalendarLink(settings: Settings) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let url = Signal::derive(move || {
        settings
            .with(|s| s.as_ref().map(|s| s.my_calendar_feed.clone()))
            .map(|p| format!("{}{p}", origin()))
            .unwrap_or_default()
    });
    view! {
        <section aria-labelledby="calendar-h">
            <h2 id="calendar-h">{move || t().reach().calendar_title}</h2>
            <p class="muted">{move || t().reach().calendar_intro}</p>
            <Show when=move || !url.get().is_empty()>
                <p>// A file for calendar apps, not a page of the app: the router leaves it alone.
                <a id="calendar-link" rel="external" href=move || url.get()>{move || t().reach().calendar_link}</a></p>
                <CopyField id="calendar-url" label=|s| s.reach().calendar_address button=|s| s.reach().calendar_copy value=url />
            </Show>
        </section>
    }
}
