//! The yes / no / abstain radio buttons of a ballot on a motion, open, secret or encrypted
//! alike: one group named `group`, each button `{group}-{CHOICE}` with its label.

use super::state::AssemblyCtx;
use crate::i18n::strings;
use constellation_shared::dto::assemblies::Choice;
use leptos::prelude::*;

/// The id of `choice`'s button in `group`.
pub fn choice_id(group: &str, choice: Choice) -> String {
    format!("{group}-{}", choice.as_str())
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
