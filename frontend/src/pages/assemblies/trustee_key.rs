//! A trustee's key for an encrypted motion: generated in this browser, its secret kept in
//! `localStorage` under the signed-in person's id (nothing is kept while they are not known)
//! and offered as a file to save, its public part (with its proof) posted; once the
//! parameters are out, whether they hold this key.

use super::election_local::{check_params, store_pair, stored_pair, stored_secret, text_data_url};
use super::election_panel::TrusteeState;
use super::focus_by_id;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::MotionStatus;
use constellation_shared::queries::assemblies as q;
use constellation_shared::voting::{BasicTrustee, OsRandom, TrusteeSecret};
use leptos::prelude::*;

#[component]
pub fn TrusteeKey(
    ctx: AssemblyCtx,
    motion_id: String,
    index: u32,
    state: TrusteeState,
) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let failed = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let motion = {
        let id = motion_id.clone();
        Memo::new(move |_| ctx.motion(&id))
    };
    let posted = move || {
        motion.with(|m| {
            m.as_ref()
                .and_then(|m| m.election.as_ref())
                .and_then(|e| {
                    e.trustees
                        .iter()
                        .find(|tr| u32::try_from(tr.index).ok() == Some(index))
                })
                .is_some_and(|tr| tr.key_posted)
        })
    };
    let draft =
        move || motion.with(|m| m.as_ref().is_some_and(|m| m.status == MotionStatus::Draft));
    // The key as kept here for the viewer (or, if the browser refused to keep it or the
    // viewer is not known yet, as generated in this view).
    let file_text = {
        let id = motion_id.clone();
        Memo::new(move |_| {
            state.key_version.track();
            stored_secret(&id, index, ctx.viewer_id().as_deref()).or_else(|| state.generated.get())
        })
    };
    // Once the parameters are out: do they hold this key?
    let in_params = move || {
        let text = file_text.get()?;
        let secret = TrusteeSecret::import(&text)?;
        let check = motion.with(|m| m.as_ref().map(check_params))?;
        let params = check.params()?;
        Some(params.trustees.verification_key(index) == Some(secret.public_key()))
    };
    let filename = format!("trustee-{motion_id}.txt");
    let link_id = format!("trustee-key-file-{motion_id}");
    let keep_id = format!("trustee-keep-{motion_id}");
    let generate_id = format!("trustee-generate-{motion_id}");

    let generate = {
        let (id, link_id) = (motion_id.clone(), link_id.clone());
        move |_| {
            failed.set(None);
            state.note.set(None);
            // A key this person kept from an earlier try goes again: the file saved then
            // stays good. Another's key for the same index (a replaced trustee's) is not theirs.
            let me = untrack(move || ctx.viewer_id());
            let public = match stored_pair(&id, index, me.as_deref()) {
                Some((_, public)) => public,
                None => match BasicTrustee::generate(&id, index, &mut OsRandom) {
                    Ok((secret, public)) => {
                        if !store_pair(&id, me.as_deref(), &secret, &public) {
                            state.generated.set(Some(secret.export()));
                        }
                        public
                    }
                    Err(_) => {
                        failed.set(Some(
                            strings(lang.get_untracked())
                                .assemblies()
                                .trustee_key_failed,
                        ));
                        return;
                    }
                },
            };
            state.key_version.update(|v| *v += 1);
            let Ok(key) = serde_json::to_string(&public) else {
                failed.set(Some(
                    strings(lang.get_untracked())
                        .assemblies()
                        .trustee_key_failed,
                ));
                return;
            };
            let vars = q::TrusteeKeyVars {
                motion_id: id.clone(),
                key,
            };
            ctx.mutate(q::SUBMIT_TRUSTEE_KEY, vars, error, busy, move || {
                state.note.try_set(Some(
                    strings(lang.get_untracked()).assemblies().trustee_key_sent,
                ));
            });
            // The button goes once the key is posted: the file to save is next.
            let link_id = link_id.clone();
            request_animation_frame(move || focus_by_id(&link_id));
        }
    };

    view! {
        <div class="trustee-key" data-motion-id=motion_id.clone()>
            <Show when=move || draft() && !posted()>
                <p>{move || fill(t().assemblies().trustee_key_intro, &[&index.to_string()])}</p>
                <p id=keep_id.clone() class="notice"><strong>{move || t().assemblies().trustee_key_keep}</strong></p>
                <button
                    type="button"
                    class="trustee-generate"
                    id=generate_id.clone()
                    aria-describedby=keep_id.clone()
                    on:click=generate.clone()
                    disabled=move || busy.get()
                >
                    {move || t().assemblies().trustee_generate}
                </button>
            </Show>
            {
                let (filename, link_id) = (filename.clone(), link_id.clone());
                move || file_text.get().map(|text| {
                    let label = fill(t().assemblies().trustee_key_file, &[&filename]);
                    view! {
                        <p>
                            <a id=link_id.clone() class="trustee-key-file" download=filename.clone() href=text_data_url(&text)>
                                {label}
                            </a>
                        </p>
                        <p class="muted">{move || t().assemblies().trustee_key_stored}</p>
                    }
                })
            }
            {move || in_params().map(|ok| {
                if ok {
                    view! { <p class="trustee-key-check" data-ok="true">{move || t().assemblies().trustee_key_in_params}</p> }.into_any()
                } else {
                    view! { <p class="trustee-key-check form-error" data-ok="false" role="alert">{move || t().assemblies().trustee_key_not_in_params}</p> }.into_any()
                }
            })}
            <p class="form-error" role="alert">{move || failed.get()}</p>
            <FormError error=error />
        </div>
    }
}
