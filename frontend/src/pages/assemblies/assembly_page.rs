//! `/assemblies/:id`: an assembly's facts, agenda with its motions and results, attendance
//! and minutes, kept up to date live; the board prepares the agenda, convenes here and
//! follows the sending of the convocation.

use super::agenda_item_form::AgendaItemForm;
use super::agenda_view::AgendaView;
use super::assembly_header::{assembly_fallback, AssemblyHeader, AttendanceCounts};
use super::convene_control::ConveneControl;
use super::convocation_record::ConvocationRecord;
use super::live::{follow_assembly, LiveAnnouncer};
use super::minutes_links::MinutesLinks;
use super::motion_form::MotionForm;
use super::state::AssemblyCtx;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn AssemblyPage() -> impl IntoView {
    let session = use_session();
    let ctx = AssemblyCtx::for_route(session);
    let said = follow_assembly(ctx, || ());
    let editing = move || ctx.chair() && ctx.agenda_editable();

    view! {
        <Show when=move || ctx.assembly.with(Option::is_some) fallback=move || assembly_fallback(ctx)>
            <AssemblyHeader ctx=ctx />
            <LiveAnnouncer said=said />
            <ConveneControl ctx=ctx />
            <ConvocationRecord ctx=ctx />
            <AttendanceCounts ctx=ctx />
            <AgendaView ctx=ctx />
            <MinutesLinks ctx=ctx />
            <Show when=editing>
                <AgendaItemForm ctx=ctx />
                <MotionForm ctx=ctx />
            </Show>
        </Show>
    }
}
