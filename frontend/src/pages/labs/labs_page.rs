//! `/labs`: the directory of Labs, with filters.

use crate::api;
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::labs::{LabStatus, LabSummary};
use constellation_shared::queries::labs as q;
use leptos::prelude::*;
use leptos_router::components::A;

const PAGE_SIZE: i32 = 20;

fn non_empty(s: String) -> Option<String> {
    let s = s.trim().to_owned();
    (!s.is_empty()).then_some(s)
}

#[component]
pub fn LabsPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let status = RwSignal::new(String::new());
    let theme = RwSignal::new(String::new());
    let mine = RwSignal::new(false);
    let search = RwSignal::new(String::new());
    // Read again from the start whenever a filter (or the signed-in account) changes.
    let labs = api::paged(session, move |call, after| {
        let vars = q::LabsVars {
            first: Some(PAGE_SIZE),
            after,
            status: LabStatus::parse(&status.get()),
            theme: non_empty(theme.get()),
            mine: (mine.get() && session.me.get().is_some()).then_some(true),
            search: non_empty(search.get()),
        };
        async move { call.page(q::LABS, vars, |d: q::LabsData| d.labs).await }
    });

    let status_options = move || {
        LabStatus::ALL
            .iter()
            .map(|s| {
                let v = s.as_str();
                view! {
                    <option value=v prop:selected=move || status.get() == v>
                        {move || t().labs().lab_status(*s)}
                    </option>
                }
            })
            .collect_view()
    };

    view! {
        <section>
            <h1>{move || t().labs().labs_title}</h1>
            <p class="lead">{move || t().labs().labs_intro}</p>
            <Show when=move || session.me.get().is_some()>
                <p><A href="/labs/new" attr:class="button" attr:id="propose-lab">{move || t().labs().propose_lab_link}</A></p>
            </Show>
            <form class="filters" role="search" aria-label=move || t().labs().filters_label on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <div class="field">
                    <label for="filter-search">{move || t().labs().filter_search}</label>
                    <input
                        id="filter-search"
                        type="search"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="filter-status">{move || t().labs().filter_status}</label>
                    <select
                        id="filter-status"
                        prop:value=move || status.get()
                        on:change=move |ev| status.set(event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || status.get().is_empty()>{move || t().labs().filter_all}</option>
                        {status_options}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-theme">{move || t().labs().filter_theme}</label>
                    <input
                        id="filter-theme"
                        type="text"
                        prop:value=move || theme.get()
                        on:input=move |ev| theme.set(event_target_value(&ev))
                    />
                </div>
                <Show when=move || session.me.get().is_some()>
                    <div class="field checkbox">
                        <input
                            id="filter-mine"
                            type="checkbox"
                            prop:checked=move || mine.get()
                            on:change=move |ev| mine.set(event_target_checked(&ev))
                        />
                        <label for="filter-mine">{move || t().labs().filter_mine}</label>
                    </div>
                </Show>
            </form>
            <Awaited data=labs.data>
                <p class="muted" role="status">
                    {move || if labs.is_empty() { t().labs().labs_empty } else { "" }}
                </p>
                <ul id="labs" class="cards">
                    <For each=move || labs.items() key=|l| l.id.clone() let:lab>
                        <LabCard lab=lab />
                    </For>
                </ul>
                <MoreButton list=labs id="load-more" />
            </Awaited>
        </section>
    }
}

#[component]
fn LabCard(lab: LabSummary) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let status = lab.status;
    let themes = lab.framing.themes.join(", ");
    let coordinators = lab
        .coordinators
        .iter()
        .map(|c| c.display_name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="lab-card" data-slug=lab.slug.clone() data-status=status.as_str()>
            <h2><A href=format!("/labs/{}", lab.slug)>{lab.name.clone()}</A></h2>
            <dl class="facts">
                <dt>{move || t().status_label}</dt>
                <dd><span class="badge" data-status=status.as_str()>{move || t().labs().lab_status(status)}</span></dd>
                <dt>{move || t().labs().themes_label}</dt>
                <dd class="themes">{themes}</dd>
                <dt>{move || t().labs().coordinators_label}</dt>
                <dd class="coordinators">{coordinators}</dd>
                <dt>{move || t().labs().member_count_label}</dt>
                <dd class="member-count">{lab.member_count}</dd>
                <dt>{move || t().labs().project_count_label}</dt>
                <dd class="project-count">{lab.project_count}</dd>
            </dl>
        </li>
    }
}
