//! `/assemblies/:id/chair`: the chair's console — open and close the session, check members
//! in, open and close the voting on each motion, all with the live turnout.

use super::assembly_header::{assembly_fallback, AssemblyHeader, AttendanceCounts};
use super::attendance_list::AttendanceList;
use super::live::{follow_assembly, LiveAnnouncer};
use super::motion_card::MotionCard;
use super::session_controls::SessionControls;
use super::state::AssemblyCtx;
use crate::i18n::strings;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn ChairPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let ctx = AssemblyCtx::for_route(session);
    let version = RwSignal::new(0u32);
    let said = follow_assembly(ctx, move || {
        version.try_update(|v| *v += 1);
    });
    let motion_ids = move || ctx.motion_ids(None);
    let refused = move || {
        view! { <p id="chair-refused" class="notice">{move || t().board_only}</p> }
    };

    view! {
        <Show when=move || ctx.assembly.with(Option::is_some) fallback=move || assembly_fallback(ctx)>
            <AssemblyHeader ctx=ctx page=|s| s.assemblies().chair_title />
            <Show when=move || ctx.chair() fallback=refused>
                <LiveAnnouncer said=said />
                <SessionControls ctx=ctx />
                <AttendanceCounts ctx=ctx />
                <AttendanceList ctx=ctx version=version />
                <section aria-labelledby="chair-motions-h">
                    <h2 id="chair-motions-h">{move || t().assemblies().motions}</h2>
                    <Show when=move || motion_ids().is_empty()>
                        <p id="chair-motions-empty">{move || t().assemblies().motions_none}</p>
                    </Show>
                    <For
                        each=motion_ids
                        key=|id| id.clone()
                        children=move |id: String| view! { <MotionCard ctx=ctx id=id level=3 chair=true /> }
                    />
                </section>
            </Show>
        </Show>
    }
}
