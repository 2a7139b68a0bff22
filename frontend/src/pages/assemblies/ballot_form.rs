//! One vote to cast on one motion — one's own or a principal's — as a fieldset of three
//! radio buttons and a submit button, usable with the keyboard alone.

use super::choice_radios::{ballot_legend, choice_id, ChoiceRadios};
use super::focus_by_id;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::{Choice, VoteRight};
use constellation_shared::queries::assemblies as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

/// `confirmation` and `error` are the booth's: they outlive the form, which goes once the
/// vote is cast.
#[component]
pub fn BallotForm(
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
    let member_id = right.member.id.to_string();
    let name = right.member.display_name.clone();
    let own = right.own;
    let legend = ballot_legend(ctx, own, name.clone());
    let group = format!("choice-{motion_id}-{member_id}");
    let first_radio = choice_id(&group, Choice::Yes);

    let submit = {
        let (motion_id, member_id, first_radio) =
            (motion_id.clone(), member_id.clone(), first_radio.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(picked) = choice.get_untracked() else {
                error.set(Some(ApiError::invalid(
                    "choice",
                    ValidationReason::Required,
                )));
                focus_by_id(&first_radio);
                return;
            };
            confirmation.set(None);
            let vars = q::CastVoteVars {
                motion_id: motion_id.clone(),
                member_id: member_id.clone(),
                choice: picked,
            };
            let (motion_id, member_id, name) = (motion_id.clone(), member_id.clone(), name.clone());
            crate::api::mutate(
                ctx.session,
                q::CAST_VOTE,
                vars,
                error,
                busy,
                move |d: q::CastVoteData| {
                    let t = strings(lang.get_untracked());
                    let mut text = fill(t.assemblies().vote_recorded, &[&name]);
                    if let Some(receipt) = d.cast_vote.receipt.as_deref() {
                        text.push(' ');
                        text.push_str(&fill(t.assemblies().vote_receipt, &[receipt]));
                    }
                    confirmation.try_set(Some(text));
                    // This form goes: the right is cast.
                    ctx.mark_cast(&motion_id, &member_id);
                    focus_by_id("vote-confirmation");
                },
            );
        }
    };

    view! {
        <form class="ballot" on:submit=submit novalidate>
            <fieldset data-member-id=member_id.clone() data-own=own.to_string()>
                <legend>{legend.clone()}</legend>
                <ChoiceRadios ctx=ctx group=group choice=choice />
                <button type="submit" class="cast-vote" disabled=move || busy.get()>
                    {move || t().assemblies().cast_vote} <span class="sr-only">" — " {legend}</span>
                </button>
            </fieldset>
        </form>
    }
}
