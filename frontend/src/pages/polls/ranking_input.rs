//! A ranking made with buttons only, so the keyboard alone is enough: the ranked options in an
//! ordered list (each with Up, Down and Take out), the others below (each with Add). After
//! each move the focus stays on the moved option's buttons and a polite status says where it
//! now stands. A partial ranking is allowed: options left out rank last, equal.

use super::focus_by_id;
use crate::i18n::{fill, strings};
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn RankingInput(options: Vec<String>, ranked: RwSignal<Vec<usize>>) -> impl IntoView {
    let session = use_session();
    let p = move || strings(session.lang.get()).polls();
    let names = StoredValue::new(options);
    let count = names.with_value(Vec::len);
    let name = move |i: usize| names.with_value(|n| n.get(i).cloned().unwrap_or_default());
    let status = RwSignal::new(String::new());
    let unranked =
        move || ranked.with(|r| (0..count).filter(|i| !r.contains(i)).collect::<Vec<_>>());
    // Where the focus goes once the list has moved: a button of the same option that is
    // still enabled; and what the status says.
    let settle = move |i: usize, prefer: &'static str| {
        let lang = session.lang.get_untracked();
        let s = strings(lang).polls();
        let (at, len) = ranked.with_untracked(|r| (r.iter().position(|x| *x == i), r.len()));
        let target = match at {
            None => {
                status.set(fill(s.rank_out, &[&name(i)]));
                format!("rank-add-{i}")
            }
            Some(at) => {
                status.set(fill(
                    s.rank_place,
                    &[&name(i), &(at + 1).to_string(), &len.to_string()],
                ));
                let up_ok = at > 0;
                let down_ok = at + 1 < len;
                let button = if up_ok && (prefer == "up" || !down_ok) {
                    "up"
                } else if down_ok {
                    "down"
                } else {
                    "remove"
                };
                format!("rank-{button}-{i}")
            }
        };
        request_animation_frame(move || focus_by_id(&target));
    };
    let shift = move |i: usize, by: isize| {
        ranked.update(|r| {
            if let Some(at) = r.iter().position(|x| *x == i) {
                let to = at as isize + by;
                if to >= 0 && (to as usize) < r.len() {
                    r.swap(at, to as usize);
                }
            }
        });
        settle(i, if by < 0 { "up" } else { "down" });
    };
    view! {
        <div class="ranking">
            <p id="ranking-help" class="hint">{move || p().ranked_help}</p>
            <ol id="ranking" aria-describedby="ranking-help">
                <For
                    each=move || ranked.get()
                    key=|i| *i
                    children=move |i| {
                        let at = move || ranked.with(|r| r.iter().position(|x| *x == i));
                        let last = move || ranked.with(|r| r.len().saturating_sub(1));
                        let remove = move |_| {
                            ranked.update(|r| r.retain(|x| *x != i));
                            settle(i, "");
                        };
                        view! {
                            <li class="ranked" data-option=i>
                                <span class="rank-name">{name(i)}</span> " "
                                <button
                                    type="button"
                                    id=format!("rank-up-{i}")
                                    aria-label=move || fill(p().rank_up, &[&name(i)])
                                    disabled=move || at() == Some(0)
                                    on:click=move |_| shift(i, -1)
                                >
                                    {move || p().up}
                                </button>
                                " "
                                <button
                                    type="button"
                                    id=format!("rank-down-{i}")
                                    aria-label=move || fill(p().rank_down, &[&name(i)])
                                    disabled=move || at() == Some(last())
                                    on:click=move |_| shift(i, 1)
                                >
                                    {move || p().down}
                                </button>
                                " "
                                <button
                                    type="button"
                                    class="link"
                                    id=format!("rank-remove-{i}")
                                    aria-label=move || fill(p().rank_remove, &[&name(i)])
                                    on:click=remove
                                >
                                    {move || p().remove}
                                </button>
                            </li>
                        }
                    }
                />
            </ol>
            <Show when=move || ranked.with(Vec::is_empty)>
                <p id="ranking-empty" class="muted">{move || p().ranked_empty}</p>
            </Show>
            <h3 id="unranked-h">{move || p().unranked_title}</h3>
            <ul id="unranked" aria-labelledby="unranked-h">
                <For
                    each=unranked
                    key=|i| *i
                    children=move |i| {
                        let add = move |_| {
                            ranked.update(|r| r.push(i));
                            settle(i, "up");
                        };
                        view! {
                            <li data-option=i>
                                <span class="rank-name">{name(i)}</span> " "
                                <button
                                    type="button"
                                    id=format!("rank-add-{i}")
                                    aria-label=move || fill(p().rank_add, &[&name(i)])
                                    on:click=add
                                >
                                    {move || p().add}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <p class="sr-only" role="status" aria-live="polite" id="ranking-status">{move || status.get()}</p>
        </div>
    }
}
