//! The holder chooses how their service leaves: individual, collective (with a group from
//! `transitionGroups`), the social-economy structure, or closed; and the target host. A
//! take-over comes only from a volunteer's offer the board accepts. A holder also says when
//! the move of a planned service has started.

use super::service_state::ServiceCtx;
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::select::{Choice, EnumSelect};
use crate::i18n::strings;
use crate::pages::resources::non_empty;
use constellation_shared::dto::transition::{GroupRef, MigrationPath, PathInput, ServiceStatus};
use constellation_shared::queries::transition as tq;
use constellation_shared::queries::transition::member as q;
use leptos::prelude::*;

const FIELDS: &[&str] = &["path", "groupId", "targetHost"];

const PATHS: &[MigrationPath] = &[
    MigrationPath::Individual,
    MigrationPath::Collective,
    MigrationPath::SocialEconomy,
    MigrationPath::Closed,
];

#[component]
pub fn PathForm(ctx: ServiceCtx) -> impl IntoView {
    let session = ctx.session;
    let t = move || strings(session.lang.get()).transition();
    let current = ctx.service.get_untracked();
    let path = RwSignal::new(
        current
            .as_ref()
            .and_then(|s| s.path)
            .filter(|p| PATHS.contains(p))
            .unwrap_or(MigrationPath::Individual),
    );
    let group = RwSignal::new(
        current
            .as_ref()
            .and_then(|s| s.group.as_ref().map(|g| g.id.clone()))
            .unwrap_or_default(),
    );
    let target = RwSignal::new(current.map(|s| s.target_host).unwrap_or_default());
    let groups = RwSignal::new(Vec::<GroupRef>::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let collective = move || path.get() == MigrationPath::Collective;

    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let r = crate::api::Call::unscoped(session)
                .all(
                    tq::GROUPS,
                    |first, after| tq::PageVars { first, after },
                    |d: tq::GroupsData| d.transition_groups,
                )
                .await;
            match r {
                Ok(g) => groups.set(g),
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let chosen = path.get_untracked();
        let group_id = if chosen == MigrationPath::Collective {
            non_empty(&group.get_untracked())
        } else {
            None
        };
        let vars = tq::ChoosePathVars {
            service_id: ctx.id.get_untracked(),
            input: PathInput {
                path: chosen,
                target_host: target.get_untracked().trim().to_owned(),
                group_id,
            },
        };
        mutate(
            session,
            tq::CHOOSE_PATH,
            vars,
            error,
            busy,
            move |d: tq::ChoosePathData| {
                target.set(d.choose_service_path.target_host.clone());
                ctx.replace(d.choose_service_path);
                ctx.reload();
                note.set(Some(
                    strings(session.lang.get_untracked())
                        .transition()
                        .path_saved,
                ));
            },
        );
    };
    let start = move |_| {
        note.set(None);
        let vars = q::ServiceIdVars {
            service_id: ctx.id.get_untracked(),
        };
        mutate(
            session,
            q::START_MIGRATION,
            vars,
            error,
            busy,
            move |d: q::StartMigrationData| {
                ctx.replace(d.set_service_status);
                ctx.reload();
                note.set(Some(
                    strings(session.lang.get_untracked())
                        .transition()
                        .migration_started,
                ));
            },
        );
    };
    let options: Vec<Choice<MigrationPath>> = PATHS
        .iter()
        .map(|p| {
            let label: fn(&crate::i18n::Strings) -> &'static str = match p {
                MigrationPath::Individual => |s| s.transition().path_individual,
                MigrationPath::Collective => |s| s.transition().path_collective,
                MigrationPath::SocialEconomy => |s| s.transition().path_social_economy,
                MigrationPath::TakenOver => |s| s.transition().path_taken_over,
                MigrationPath::Closed => |s| s.transition().path_closed,
            };
            (*p, label)
        })
        .collect();
    let group_options = move || {
        groups
            .get()
            .into_iter()
            .map(|g| {
                let id = g.id.clone();
                view! {
                    <option value=g.id.clone() prop:selected=move || group.get() == id>
                        {g.name.clone()} " (" {g.target_host.clone()} ")"
                    </option>
                }
            })
            .collect_view()
    };
    let group_msg = move || {
        error
            .get()
            .and_then(|e| e.for_field("groupId", session.lang.get()))
    };
    view! {
        <section aria-labelledby="path-h">
            <h2 id="path-h">{move || t().path_title}</h2>
            <Show
                when=move || ctx.can_choose_path()
                fallback=move || view! {
                    <Show when=move || ctx.status().is_some_and(|s| s.rank() >= ServiceStatus::Migrated.rank())>
                        <p id="path-locked">{move || t().path_locked}</p>
                    </Show>
                }
            >
                <p>{move || t().path_intro}</p>
                <form id="path-form" on:submit=submit novalidate>
                    <EnumSelect name="path" id="path-select" label=|s| s.transition().path_select_label value=path error=error options=options.clone() />
                    <Show when=collective>
                        <div class="field">
                            <label for="path-group">{move || t().path_group_label}</label>
                            <select
                                id="path-group"
                                name="groupId"
                                aria-describedby="path-group-msg"
                                aria-invalid=move || group_msg().is_some().to_string()
                                prop:value=move || group.get()
                                on:change=move |ev| group.set(event_target_value(&ev))
                            >
                                <option value="" prop:selected=move || group.get().is_empty()>{move || t().path_group_none}</option>
                                {group_options}
                            </select>
                            <p id="path-group-msg" class="field-msg" aria-live="polite">
                                {move || group_msg().or_else(|| groups.with(Vec::is_empty).then(|| t().no_groups))}
                            </p>
                        </div>
                    </Show>
                    <Field name="targetHost" id="path-target" label=|s| s.transition().path_target_label value=target error=error required=false hint=|s| s.transition().path_target_hint />
                    <p class="muted">{move || t().path_taken_over_hint}</p>
                    <FormError error=error fields=FIELDS />
                    <FormNote text=note.into() />
                    <button type="submit" id="path-submit" disabled=move || busy.get()>{move || t().path_submit}</button>
                </form>
                <Show when=move || ctx.is_holder() && ctx.status() == Some(ServiceStatus::Planned)>
                    <p>
                        <button type="button" id="start-migration" on:click=start disabled=move || busy.get()>
                            {move || t().start_migration}
                        </button>
                    </p>
                </Show>
            </Show>
        </section>
    }
}
