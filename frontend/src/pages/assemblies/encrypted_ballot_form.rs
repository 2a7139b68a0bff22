//! One encrypted ballot to cast on one motion — one's own or a principal's: the same three
//! radio buttons as an open or secret vote, but the ballot is made here. The parameters are
//! checked, a credential drawn, the choice encrypted with its proofs and signed, and only the
//! ballot goes to the server; the tracker is shown and kept in `localStorage`.

use super::choice_radios::{ballot_legend, choice_id, ChoiceRadios};
use super::election_local::{check_params, selection, store, tracker_key};
use super::focus_by_id;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::{Choice, VoteRight};
use constellation_shared::queries::assemblies as q;
use constellation_shared::voting::{Ballot, Credential, OsRandom};
use constellation_shared::ValidationReason;
use leptos::prelude::*;

/// The ballot as JSON and its tracker, or `None` when it cannot be made here. `selection`
/// has one flag per option of the checked parameters' question (a motion: yes, no, abstain;
/// an election: the candidates on the ballot, in ballot order).
pub fn make_ballot(
    ctx: AssemblyCtx,
    motion_id: &str,
    selection: &[bool],
) -> Option<(String, String)> {
    let check = check_params(&ctx.motion(motion_id)?);
    let params = check.params()?;
    let mut rng = OsRandom;
    let credential = Credential::generate(&mut rng).ok()?;
    let ballot = Ballot::create(params, &credential, selection, &mut rng).ok()?;
    let tracker = ballot.tracker().ok()?;
    Some((serde_json::to_string(&ballot).ok()?, tracker))
}

/// `confirmation` and `error` are the booth's: they outlive the form, which goes once the
/// ballot is cast.
#[component]
pub fn EncryptedBallotForm(
    ctx: AssemblyCtx,
    motion_id: String,
    right: VoteRight,
    confirmation: RwSignal<Option<String>>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let choice = RwSignal::new(None::<Choice>);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let member_id = right.member.id.to_string();
    let name = right.member.display_name.clone();
    let own = right.own;
    let legend = ballot_legend(ctx, own, name.clone());
    let group = format!("choice-{motion_id}-{member_id}");
    let first_radio = choice_id(&group, Choice::Yes);
    let failed_id = format!("{group}-failed");

    let submit = {
        let (motion_id, member_id, first_radio) =
            (motion_id.clone(), member_id.clone(), first_radio.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            failed.set(false);
            if busy.get_untracked() {
                return;
            }
            let Some(picked) = choice.get_untracked() else {
                error.set(Some(ApiError::invalid(
                    "choice",
                    ValidationReason::Required,
                )));
                focus_by_id(&first_radio);
                return;
            };
            confirmation.set(None);
            error.set(None);
            let Some((ballot, tracker)) = make_ballot(ctx, &motion_id, &selection(picked)) else {
                failed.set(true);
                return;
            };
            let vars = q::CastEncryptedVars {
                motion_id: motion_id.clone(),
                member_id: member_id.clone(),
                ballot,
            };
            let (motion_id, member_id, name) = (motion_id.clone(), member_id.clone(), name.clone());
            crate::api::mutate(
                ctx.session,
                q::CAST_ENCRYPTED_BALLOT,
                vars,
                error,
                busy,
                move |d: q::CastEncryptedData| {
                    let t = strings(lang.get_untracked()).assemblies();
                    store(&tracker_key(&motion_id, &member_id), &tracker);
                    let mut text = fill(t.vote_recorded, &[&name]);
                    text.push(' ');
                    text.push_str(&fill(t.ballot_tracker, &[&tracker]));
                    if d.cast_encrypted_ballot.receipt.as_deref() != Some(tracker.as_str()) {
                        text.push(' ');
                        text.push_str(&fill(t.tracker_mismatch, &[&tracker]));
                    }
                    confirmation.try_set(Some(text));
                    // This form goes: the right is cast.
                    ctx.mark_cast(&motion_id, &member_id);
                    focus_by_id("vote-confirmation");
                },
            );
        }
    };

    let described = failed_id.clone();
    view! {
        <form class="ballot encrypted" on:submit=submit novalidate>
            <fieldset data-member-id=member_id.clone() data-own=own.to_string() aria-describedby=described>
                <legend>{legend.clone()}</legend>
                <ChoiceRadios ctx=ctx group=group choice=choice />
                <p id=failed_id class="form-error" role="alert">
                    {move || failed.get().then(|| t().assemblies().ballot_encrypt_failed)}
                </p>
                <button type="submit" class="cast-vote" disabled=move || busy.get()>
                    {move || t().assemblies().cast_vote} <span class="sr-only">" — " {legend}</span>
                </button>
            </fieldset>
        </form>
    }
}
