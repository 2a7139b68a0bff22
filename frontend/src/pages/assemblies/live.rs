//! Live turnout and results: one socket while an assembly page is shown; each event shows
//! its figures at once, reads the assembly again (events arriving together cause one read)
//! and is announced politely.

use super::state::AssemblyCtx;
use crate::api::ws;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::AssemblyEvent;
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;
use std::time::Duration;

/// Events arriving together cause one refresh.
const SETTLE: Duration = Duration::from_millis(300);

/// What a person hears of an event (`None` for the ones not worth an interruption).
fn announcement(ctx: AssemblyCtx, event: &AssemblyEvent) -> Option<String> {
    let t = strings(ctx.session.lang.get_untracked());
    let name = || {
        event
            .motion_id
            .as_deref()
            .and_then(|id| ctx.motion_name(id))
            .unwrap_or_else(|| t.assemblies().motion.to_owned())
    };
    match event.kind.as_str() {
        "VOTE" => Some(fill(
            t.assemblies().live_turnout,
            &[&name(), &event.turnout.to_string()],
        )),
        "VOTING_OPENED" => Some(fill(t.assemblies().live_voting_opened, &[&name()])),
        "VOTING_CLOSED" => Some(fill(t.assemblies().live_voting_closed, &[&name()])),
        "SESSION" => Some(t.assemblies().live_session.to_owned()),
        "CHECK_IN" => Some(t.assemblies().live_check_in.to_owned()),
        "TRUSTEE" => Some(fill(t.assemblies().live_trustee, &[&name()])),
        "CANDIDACY" => Some(fill(t.elections().live_candidacy, &[&name()])),
        _ => None,
    }
}

/// Follows the assembly's events; `on_change` runs after each (settled) refresh, for what
/// the page reads besides the assembly. The answer holds the last announcement (for
/// [`LiveAnnouncer`]).
pub fn follow_assembly(
    ctx: AssemblyCtx,
    on_change: impl Fn() + Clone + 'static,
) -> RwSignal<Option<String>> {
    let said = RwSignal::new(None::<String>);
    let pending = StoredValue::new(false);
    let on_event = move |d: q::LiveData| {
        let event = d.assembly_live;
        ctx.apply_event(&event);
        if let Some(text) = announcement(ctx, &event) {
            said.try_set(Some(text));
        }
        if pending.try_get_value() != Some(false) {
            return;
        }
        pending.set_value(true);
        let on_change = on_change.clone();
        set_timeout(
            move || {
                // The page may have been left meanwhile.
                if pending.try_set_value(false).is_some() {
                    return;
                }
                ctx.reload();
                on_change();
            },
            SETTLE,
        );
    };
    ws::follow(
        q::LIVE,
        ctx.session.token,
        move || ctx.route_id.get().map(|id| q::IdVars { id }),
        on_event,
    );
    said
}

/// The last live change, announced politely (turnout, voting opened or closed…).
#[component]
pub fn LiveAnnouncer(said: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p id="live-turnout" class="live-note" role="status" aria-live="polite" aria-atomic="true">
            {move || said.get()}
        </p>
    }
}
