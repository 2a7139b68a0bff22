//! `/labs`: the directory of Labs, with filters.

use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
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
    let labs = RwSignal::new(Vec::<LabSummary>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // Answers can arrive out of order while someone types: only the latest query counts.
    let generation = StoredValue::new(0u32);

    let vars = move |after: Option<String>| q::LabsVars {
        first: Some(PAGE_SIZE),
        after,
        status: LabStatus::parse(&status.get_untracked()),
        theme: non_empty(theme.get_untracked()),
        mine: (mine.get_untracked() && session.me.get_untracked().is_some()).then_some(true),
        search: non_empty(search.get_untracked()),
    };

    let fetch = move |after: Option<String>| {
        let append = after.is_some();
        let vars = vars(after);
        let gen = generation.get_value().wrapping_add(1);
        generation.set_value(gen);
        loading.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::LabsData>(q::LABS, vars, session.token()).await;
            if generation.try_get_value() != Some(gen) {
                return;
            }
            loading.set(false);
            loaded.set(true);
            match result {
                Ok(d) => {
                    let page: Vec<LabSummary> = d.labs.nodes().cloned().collect();
                    next_cursor.set(
                        d.labs
                            .page_info
                            .has_next_page
                            .then_some(d.labs.page_info.end_cursor)
                            .flatten(),
                    );
                    if append {
                        labs.update(|l| l.extend(page));
                    } else {
                        labs.set(page);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    // Re-query from the start whenever a filter (or the signed-in account) changes.
    Effect::new(move |_| {
        status.track();
        theme.track();
        mine.track();
        search.track();
        session.token.track();
        fetch(None);
    });

    let load_more = move |_| {
        if let Some(c) = next_cursor.get_untracked() {
            fetch(Some(c));
        }
    };

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
            <FormError error=error />
            <p class="muted" role="status">
                {move || if loading.get() { t().loading } else if loaded.get() && labs.with(Vec::is_empty) { t().labs().labs_empty } else { "" }}
            </p>
            <ul id="labs" class="cards">
                <For each=move || labs.get() key=|l| l.id.clone() let:lab>
                    <LabCard lab=lab />
                </For>
            </ul>
            <Show when=move || next_cursor.get().is_some()>
                <button type="button" id="load-more" on:click=load_more disabled=move || loading.get()>
                    {move || t().load_more}
                </button>
            </Show>
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
