//! A trustee decrypts its share of a closed encrypted motion's totals, in this browser: the
//! key comes from `localStorage` (kept under the signed-in person's id, so never a replaced
//! trustee's; none is looked for while the viewer is not known) or from the key file pasted
//! here; the partial decryption (with its proofs) is computed against the parameters and the
//! encrypted tally, then posted. Before decrypting, the page fetches the whole ballot box and
//! checks that the encrypted tally is its sum: a server that slipped in one ballot's
//! ciphertexts instead would otherwise have that single ballot decrypted. Once the server has
//! the share, this browser's copy of the key is erased.

use super::election_local::{check_params, forget_secret, stored_secret};
use super::election_panel::TrusteeState;
use super::focus_by_id;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use constellation_shared::queries::assemblies as q;
use constellation_shared::voting::{
    partial_decrypt, Ballot, ElectionParams, EncryptedTally, OsRandom, TrusteeSecret,
};
use leptos::prelude::*;

/// Why the share could not be computed here.
#[derive(Clone, Copy)]
enum Refusal {
    NoKey,
    Unreadable,
    NotYours,
    Data,
    /// The tally is not the sum of the published ballot box.
    Mismatch,
}

/// The ballot box in pages of this size.
const BOX_PAGE: i32 = 100;

/// Fetches every ballot of the box, page by page.
async fn ballot_box(motion_id: String, token: Option<String>) -> Result<Vec<Ballot>, ApiError> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let vars = q::BallotTrackersVars {
            motion_id: motion_id.clone(),
            first: Some(BOX_PAGE),
            after: after.take(),
        };
        let d: q::BallotBoxData = crate::api::request(q::BALLOT_BOX, vars, token.clone()).await?;
        for b in d.ballot_box.nodes() {
            // An unreadable ballot cannot be summed: the check below then fails.
            if let Ok(b) = serde_json::from_str::<Ballot>(b) {
                out.push(b);
            }
        }
        if !d.ballot_box.page_info.has_next_page {
            return Ok(out);
        }
        after = d.ballot_box.page_info.end_cursor;
    }
}

#[component]
pub fn TrusteeDecrypt(
    ctx: AssemblyCtx,
    motion_id: String,
    index: u32,
    state: TrusteeState,
) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let refused = RwSignal::new(None::<Refusal>);
    let busy = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let stored = {
        let id = motion_id.clone();
        Memo::new(move |_| {
            state.key_version.track();
            stored_secret(&id, index, ctx.viewer_id().as_deref()).or_else(|| state.generated.get())
        })
    };
    let paste_id = format!("trustee-paste-{motion_id}");

    // Everything is worked out before anything is sent.
    let share = {
        let id = motion_id.clone();
        move || -> Result<(TrusteeSecret, ElectionParams, EncryptedTally, u64), Refusal> {
            let typed = pasted.get_untracked();
            let text = Some(typed.trim().to_owned())
                .filter(|s| !s.is_empty())
                .or_else(|| stored.get_untracked())
                .ok_or(Refusal::NoKey)?;
            let secret = TrusteeSecret::import(&text).ok_or(Refusal::Unreadable)?;
            if secret.index() != index {
                return Err(Refusal::NotYours);
            }
            let motion = ctx.motion(&id).ok_or(Refusal::Data)?;
            let check = check_params(&motion);
            let election = motion.election.ok_or(Refusal::Data)?;
            let params = check.params().ok_or(Refusal::Data)?;
            let tally: EncryptedTally = election
                .encrypted_tally
                .as_deref()
                .and_then(|t| serde_json::from_str(t).ok())
                .filter(|t: &EncryptedTally| t.ciphertexts.len() == params.question.options.len())
                .ok_or(Refusal::Data)?;
            if params.trustees.verification_key(index) != Some(secret.public_key()) {
                return Err(Refusal::NotYours);
            }
            Ok((
                secret,
                params.clone(),
                tally,
                election.ballots.max(0) as u64,
            ))
        }
    };

    let post = {
        // `me` is who asked to decrypt: their key is the one to erase.
        move |id: String, decryption: String, me: Option<String>| {
            let vars = q::PartialDecryptionVars {
                motion_id: id.clone(),
                decryption,
            };
            ctx.mutate(q::SUBMIT_PARTIAL_DECRYPTION, vars, error, busy, move || {
                // Its work is done: the key would only ever serve to read ballots.
                forget_secret(&id, index, me.as_deref());
                state.generated.try_set(None);
                state.key_version.try_update(|v| *v += 1);
                state.note.try_set(Some(
                    strings(lang.get_untracked())
                        .assemblies()
                        .trustee_decrypt_done,
                ));
            });
        }
    };

    let submit = {
        let (id, paste_id) = (motion_id.clone(), paste_id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            refused.set(None);
            state.note.set(None);
            let (secret, params, tally, count) = match share() {
                Ok(d) => d,
                Err(why) => {
                    refused.set(Some(why));
                    focus_by_id(&paste_id);
                    return;
                }
            };
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            let (id, paste_id) = (id.clone(), paste_id.clone());
            let token = ctx.session.token();
            let me = untrack(move || ctx.viewer_id());
            leptos::task::spawn_local(async move {
                let ballots = match ballot_box(id.clone(), token).await {
                    Ok(b) => b,
                    Err(e) => {
                        busy.try_set(false);
                        error.try_set(Some(e));
                        return;
                    }
                };
                busy.try_set(false);
                let summed = EncryptedTally::compute(&params, &ballots);
                if ballots.len() as u64 != count || summed != tally {
                    refused.try_set(Some(Refusal::Mismatch));
                    focus_by_id(&paste_id);
                    return;
                }
                let Ok(decryption) = partial_decrypt(&params, &tally, &secret, &mut OsRandom)
                    .map_err(|_| ())
                    .and_then(|pd| serde_json::to_string(&pd).map_err(|_| ()))
                else {
                    refused.try_set(Some(Refusal::Data));
                    return;
                };
                post(id, decryption, me);
            });
        }
    };

    let refusal = move || {
        let s = t().assemblies();
        refused.get().map(|r| match r {
            Refusal::NoKey => s.trustee_key_missing,
            Refusal::Unreadable => s.trustee_key_unreadable,
            Refusal::NotYours => s.trustee_key_other,
            Refusal::Data => s.election_data_missing,
            Refusal::Mismatch => s.trustee_tally_mismatch,
        })
    };
    let found = move || stored.with(Option::is_some);

    view! {
        <form class="trustee-decrypt" data-motion-id=motion_id.clone() on:submit=submit novalidate>
            <p>{move || t().assemblies().trustee_decrypt_intro}</p>
            <p class="trustee-key-where" data-found=move || found().to_string()>
                {move || if found() { t().assemblies().trustee_key_found } else { t().assemblies().trustee_key_missing }}
            </p>
            <TextArea
                name="decryption"
                id=paste_id.clone()
                class="trustee-paste"
                label=|s| s.assemblies().trustee_key_paste
                value=pasted
                error=error
                required=false
                rows=2
            />
            <p class="form-error" role="alert">{refusal}</p>
            <FormError error=error />
            <button type="submit" class="trustee-decrypt-submit" disabled=move || busy.get()>
                {move || t().assemblies().trustee_decrypt}
            </button>
        </form>
    }
}
