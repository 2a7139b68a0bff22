//! The public board of an encrypted motion: every ballot's tracker, page after page, without
//! its voter. A search field highlights the trackers that match what the voter pastes; the
//! trackers of the ballots cast from this browser are marked.

use super::election_local::stored_trackers;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::{fill, strings};
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;

/// The API's largest page.
const PAGE_SIZE: i32 = 100;

/// The voter's search as the trackers are spelled (lowercase hex, no spaces).
fn normalise(query: &str) -> String {
    query
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

#[component]
pub fn TrackerBoard(ctx: AssemblyCtx, motion_id: String) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let trackers = RwSignal::new(Vec::<String>::new());
    let shown = RwSignal::new(false);
    let after = RwSignal::new(None::<String>);
    let more = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let mine = StoredValue::new(stored_trackers(&motion_id));

    let id = StoredValue::new(motion_id.clone());
    let load = move || {
        let vars = q::BallotTrackersVars {
            motion_id: id.get_value(),
            first: Some(PAGE_SIZE),
            after: after.get_untracked(),
        };
        crate::api::mutate(
            ctx.session,
            q::BALLOT_TRACKERS,
            vars,
            error,
            busy,
            move |d: q::BallotTrackersData| {
                let c = d.ballot_trackers;
                trackers.try_update(|all| all.extend(c.nodes().cloned()));
                more.try_set(c.page_info.has_next_page);
                after.try_set(c.page_info.end_cursor);
                shown.try_set(true);
            },
        );
    };
    let matches = move |tracker: &str| {
        let wanted = normalise(&query.get());
        !wanted.is_empty() && tracker.starts_with(&wanted)
    };
    let search_result = move || {
        let wanted = normalise(&query.get());
        if wanted.is_empty() {
            return None;
        }
        let s = t().assemblies();
        let found = trackers.with(|all| all.iter().filter(|tr| tr.starts_with(&wanted)).count());
        Some(if found > 0 {
            fill(s.tracker_found, &[&found.to_string()])
        } else if more.get() {
            fill(
                s.tracker_not_loaded,
                &[&trackers.with(Vec::len).to_string()],
            )
        } else {
            s.tracker_not_found.to_owned()
        })
    };
    let heading_id = format!("trackers-{motion_id}-h");
    let search_id = format!("tracker-search-{motion_id}");
    let result_id = format!("tracker-result-{motion_id}");

    view! {
        <section class="tracker-board" data-motion-id=motion_id.clone() aria-labelledby=heading_id.clone()>
            <p id=heading_id.clone() class="tracker-board-title"><strong>{move || t().assemblies().tracker_board}</strong></p>
            <p class="muted">{move || t().assemblies().tracker_board_hint}</p>
            <Show when=move || !shown.get()>
                <button
                    type="button"
                    class="tracker-board-show"
                    on:click=move |_| load()
                    disabled=move || busy.get()
                >
                    {move || t().assemblies().tracker_board_show}
                </button>
            </Show>
            <Show when=move || shown.get()>
                <div class="field">
                    <label for=search_id.clone()>{move || t().assemblies().tracker_search}</label>
                    <input
                        id=search_id.clone()
                        class="tracker-search"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby=result_id.clone()
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                </div>
                <p id=result_id.clone() class="tracker-search-result" aria-live="polite">{search_result}</p>
                <Show when=move || trackers.with(Vec::is_empty)>
                    <p class="tracker-board-empty">{move || t().assemblies().tracker_board_empty}</p>
                </Show>
                <ol class="tracker-list">
                    {move || trackers
                        .get()
                        .into_iter()
                        .map(|tr| {
                            let is_mine = mine.with_value(|m| m.contains(&tr));
                            let hit = {
                                let tr = tr.clone();
                                move || matches(&tr)
                            };
                            let code = tr.clone();
                            let highlighted = hit.clone();
                            view! {
                                <li class="tracker" class:match=highlighted class:mine=is_mine data-tracker=tr>
                                    {move || if hit() {
                                        view! { <mark><code>{code.clone()}</code></mark> }.into_any()
                                    } else {
                                        view! { <code>{code.clone()}</code> }.into_any()
                                    }}
                                    {is_mine.then(|| view! { " — " <em>{move || t().assemblies().tracker_yours}</em> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
                <Show when=move || more.get()>
                    <button
                        type="button"
                        class="tracker-more"
                        on:click=move |_| load()
                        disabled=move || busy.get()
                    >
                        {move || t().load_more}
                    </button>
                </Show>
            </Show>
            <FormError error=error />
        </section>
    }
}
