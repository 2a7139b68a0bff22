//! The yes / no / abstain radio buttons of a ballot on a motion, open, secret or encrypted
//! alike: one group named `group`, each button `{group}-{CHOICE}` with its label; and the
//! ballot's legend, whose vote it is.

use super::state::AssemblyCtx;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::Choice;
use leptos::prelude::*;

/// The id of `choice`'s button in `group`.
pub fn choice_id(group: &str, choice: Choice) -> String {
    format!("{group}-{}", choice.as_str())
}

/// The legend of a ballot's fieldset, in the page's language: "Your vote" when the right is
/// `own`, else "Vote for {name}" (a principal's, cast by proxy).
pub fn ballot_legend(ctx: AssemblyCtx, own: bool, name: String) -> impl Fn() -> String + Clone {
    let lang = ctx.session.lang;
    move || {
        let t = strings(lang.get());
        if own {
            t.assemblies().your_vote.to_owned()
        } else {
            fill(t.assemblies().vote_for_proxy, &[&name])
        }
    }
}

/// `choice` is the form's: it reads what is picked when the ballot is cast.
#[component]
pub fn ChoiceRadios(
    ctx: AssemblyCtx,
    group: String,
    choice: RwSignal<Option<Choice>>,
) -> impl IntoView {
    let lang = ctx.session.lang;
    Choice::ALL
        .iter()
        .copied()
        .map(|c| {
            let id = choice_id(&group, c);
            view! {
                <div class="field checkbox choice">
                    <input
                        type="radio"
                        id=id.clone()
                        name=group.clone()
                        value=c.as_str()
                        prop:checked=move || choice.get() == Some(c)
                        on:change=move |_| choice.set(Some(c))
                    />
                    <label for=id>{move || strings(lang.get()).assemblies().choice_label(c)}</label>
                </div>
            }
        })
        .collect_view()
}
