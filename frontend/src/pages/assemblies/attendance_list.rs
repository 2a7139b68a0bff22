//! The chair's check-in list: every effective member (read page after page), who is present,
//! who is represented and by whom, and a button to check in each one who is absent.

use super::state::AssemblyCtx;
use crate::api::{self, update_loaded, with_loaded, ApiError, Call};
use crate::components::form_error::FormError;
use crate::components::loaded::Awaited;
use crate::i18n::strings;
use constellation_shared::dto::assemblies::{AssemblyStatus, AttendanceRow};
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;

/// Every effective member with their attendance, page after page (the board only).
pub(super) async fn load_attendance(
    call: &Call,
    id: String,
) -> Result<Vec<AttendanceRow>, ApiError> {
    let vars = |first, after| q::AttendanceVars {
        id: id.clone(),
        first,
        after,
    };
    call.all(q::ATTENDANCE, vars, |d: q::AttendanceData| d.attendance)
        .await
}

/// `version` changes when the list should be read again (a live check-in, say).
#[component]
pub fn AttendanceList(ctx: AssemblyCtx, version: RwSignal<u32>) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let rows = api::load(ctx.session, move |call| {
        version.track();
        let id = ctx.route_id.get();
        async move {
            match id {
                Some(id) => load_attendance(&call, id).await,
                None => Ok(Vec::new()),
            }
        }
    });

    let ids = move || {
        with_loaded(rows, |rs| {
            rs.iter()
                .map(|r| r.member.id.to_string())
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section aria-labelledby="check-in-h">
            <h2 id="check-in-h">{move || t().assemblies().check_in_list}</h2>
            <Show when=move || ctx.status() != Some(AssemblyStatus::InSession)>
                <p class="muted" id="check-in-closed">{move || t().assemblies().check_in_closed}</p>
            </Show>
            <Awaited data=rows>
            <Show when=move || with_loaded(rows, Vec::is_empty)>
                <p id="check-in-empty">{move || t().assemblies().check_in_list_none}</p>
            </Show>
            <ul id="attendance" class="rows">
                <For
                    each=ids
                    key=|id| id.clone()
                    children=move |id: String| view! { <MemberRow ctx=ctx rows=rows version=version id=id /> }
                />
            </ul>
            </Awaited>
        </section>
    }
}

#[component]
fn MemberRow(
    ctx: AssemblyCtx,
    rows: LocalResource<Result<Vec<AttendanceRow>, ApiError>>,
    version: RwSignal<u32>,
    id: String,
) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let row = {
        let id = id.clone();
        Memo::new(move |_| {
            with_loaded(rows, |rs| {
                rs.iter().find(|r| r.member.id.to_string() == id).cloned()
            })
        })
    };
    let name = move || {
        row.with(|r| {
            r.as_ref()
                .map(|r| r.member.display_name.clone())
                .unwrap_or_default()
        })
    };
    let present = move || row.with(|r| r.as_ref().is_some_and(|r| r.present));
    let represented_by = move || {
        row.with(|r| {
            r.as_ref()
                .and_then(|r| r.represented_by.as_ref())
                .map(|p| p.display_name.clone())
        })
    };
    let can_check_in = move || !present() && ctx.status() == Some(AssemblyStatus::InSession);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let li_id = format!("member-{id}");
    let check_in = {
        let id = id.clone();
        let li_id = li_id.clone();
        move |_| {
            let vars = q::CheckInVars {
                id: ctx.id(),
                user_id: Some(id.clone()),
            };
            let (id, li_id) = (id.clone(), li_id.clone());
            ctx.mutate(q::CHECK_IN, vars, error, busy, move || {
                update_loaded(rows, |rs| {
                    if let Some(r) = rs.iter_mut().find(|r| r.member.id.to_string() == id) {
                        r.present = true;
                    }
                });
                version.try_update(|v| *v += 1);
                // The button is gone: keep the keyboard on this row.
                super::focus_by_id(&li_id);
            });
        }
    };
    view! {
        <li id=li_id class="member" data-member-id=id.clone() data-present=move || present().to_string() tabindex="-1">
            <span class="member-name">{name}</span>
            <Show when=present>
                <span class="present badge">{move || t().assemblies().present}</span>
            </Show>
            {move || represented_by().filter(|_| !present()).map(|holder| view! {
                <span class="represented">{move || t().assemblies().represented_by} " " {holder}</span>
            })}
            <Show when=can_check_in>
                <button type="button" class="check-in" on:click=check_in.clone() disabled=move || busy.get()>
                    {move || t().assemblies().check_in} <span class="sr-only">" — " {name}</span>
                </button>
            </Show>
            <FormError error=error />
        </li>
    }
}
