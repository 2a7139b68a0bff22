//! The board adds a motion under an agenda item: its text, the majority rule (with what the
//! rule requires, worked out in the browser) and the kind of ballot.

use super::fraction;
use super::state::AssemblyCtx;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::components::select::{Select, SelectOption};
use crate::components::text_area::TextArea;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assembly::{
    BallotKind, MajorityRule, MajorityRuleCode, MotionInput,
};
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::assembly as q;
use constellation_shared::rules::majority::{self, Attendance, Fraction, Rule, Tally};
use constellation_shared::Language;
use leptos::prelude::*;

const FIELDS: &[&str] = &["itemId", "text", "rule", "ballot"];

fn to_fraction(num: i32, den: i32) -> Fraction {
    Fraction::new(num.max(0).unsigned_abs(), den.max(1).unsigned_abs())
}

/// What a rule requires, in words, for this assembly's electorate.
fn requirement(rule: &MajorityRule, members: i32, second: bool, lang: Language) -> String {
    let t = strings(lang);
    let quorum = (rule.quorum_den > 0).then(|| to_fraction(rule.quorum_num, rule.quorum_den));
    let arithmetic = Rule {
        quorum,
        majority: to_fraction(rule.majority_num, rule.majority_den),
        strict: rule.strict,
    };
    let attendance = Attendance {
        members: members.max(0).unsigned_abs(),
        present_or_represented: 0,
    };
    let outcome = majority::decide(&arithmetic, Tally::default(), attendance, second);
    let quorum_text = match (quorum, second) {
        (None, _) => t.assemblies().rule_no_quorum.to_owned(),
        (Some(_), true) => t.assemblies().rule_quorum_waived.to_owned(),
        (Some(_), false) => fill(
            t.assemblies().rule_quorum,
            &[
                &fraction(rule.quorum_num, rule.quorum_den, lang),
                &members.to_string(),
                &outcome.quorum_needed.to_string(),
            ],
        ),
    };
    let share = fraction(rule.majority_num, rule.majority_den, lang);
    let majority_text = fill(
        if rule.strict {
            t.assemblies().rule_more_than
        } else {
            t.assemblies().rule_at_least
        },
        &[&share],
    );
    format!("{majority_text} {quorum_text}")
}

fn ballot_options() -> Vec<SelectOption> {
    let options: [SelectOption; 2] = [
        (BallotKind::Open.as_str(), |s| s.assemblies().ballot_open),
        (BallotKind::Secret.as_str(), |s| {
            s.assemblies().ballot_secret
        }),
    ];
    options.to_vec()
}

#[component]
pub fn MotionForm(ctx: AssemblyCtx) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let rules = RwSignal::new(Vec::<MajorityRule>::new());
    leptos::task::spawn_local(async move {
        if let Ok(d) = api::request::<_, q::MajorityRulesData>(
            q::MAJORITY_RULES,
            NoVars {},
            ctx.session.token(),
        )
        .await
        {
            rules.try_set(d.majority_rules);
        }
    });
    let item = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let rule = RwSignal::new(MajorityRuleCode::Simple.as_str().to_owned());
    let ballot = RwSignal::new(BallotKind::Open.as_str().to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);

    // Items that may still take a motion.
    let items = Memo::new(move |_| {
        ctx.agenda()
            .into_iter()
            .filter(|i| !i.frozen)
            .collect::<Vec<_>>()
    });
    // The chosen item, or the first one.
    let chosen_item = move || {
        let wanted = item.get();
        items.with(|items| {
            items
                .iter()
                .find(|i| i.id == wanted)
                .or(items.first())
                .map(|i| i.id.clone())
                .unwrap_or_default()
        })
    };
    let rule_codes = move || {
        let loaded = rules.get();
        if loaded.is_empty() {
            MajorityRuleCode::ALL
                .iter()
                .map(|c| (c.as_str().to_owned(), c.as_str().to_owned()))
                .collect::<Vec<_>>()
        } else {
            loaded
                .into_iter()
                .map(|r| (r.code.as_str().to_owned(), r.name))
                .collect()
        }
    };
    let preview = move || {
        let code = rule.get();
        let (members, second) = ctx.assembly.with(|a| {
            a.as_ref()
                .map(|a| (a.members, a.first_convocation.is_some()))
                .unwrap_or_default()
        });
        rules.with(|rs| {
            rs.iter()
                .find(|r| r.code.as_str() == code)
                .map(|r| requirement(r, members, second, lang.get()))
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let item_id = chosen_item();
        if item_id.is_empty() {
            error.set(Some(ApiError::invalid(
                "itemId",
                constellation_shared::ValidationReason::Required,
            )));
            return;
        }
        let vars = q::AddMotionVars {
            item_id,
            input: MotionInput {
                text: text.get_untracked().trim().to_owned(),
                rule: MajorityRuleCode::parse(&rule.get_untracked())
                    .unwrap_or(MajorityRuleCode::Simple),
                ballot: BallotKind::parse(&ballot.get_untracked()).unwrap_or(BallotKind::Open),
            },
        };
        ctx.mutate(q::ADD_MOTION, vars, error, busy, move || {
            text.try_set(String::new());
            note.try_set(Some(
                strings(lang.get_untracked()).assemblies().motion_added,
            ));
        });
    };

    let field_msg =
        move |name: &'static str| move || error.get().and_then(|e| e.for_field(name, lang.get()));

    view! {
        <section aria-labelledby="add-motion-h" class="board">
            <h2 id="add-motion-h">{move || t().assemblies().add_motion_title}</h2>
            <Show when=move || items.with(Vec::is_empty)>
                <p id="motion-needs-item" class="notice">{move || t().assemblies().motion_needs_item}</p>
            </Show>
            <form id="add-motion" on:submit=submit novalidate>
                <div class="field">
                    <label for="motion-item">{move || t().assemblies().motion_item}</label>
                    <select
                        id="motion-item"
                        name="itemId"
                        aria-describedby="motion-item-msg"
                        prop:value=chosen_item
                        on:change=move |ev| item.set(event_target_value(&ev))
                    >
                        {move || items
                            .get()
                            .into_iter()
                            .map(|i| {
                                let id = i.id.clone();
                                let selected = move || chosen_item() == id;
                                view! {
                                    <option value=i.id.clone() prop:selected=selected>
                                        {format!("{}. {}", i.number, i.title)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p id="motion-item-msg" class="field-msg" aria-live="polite">{field_msg("itemId")}</p>
                </div>
                <TextArea name="text" id="motion-text" label=|s| s.assemblies().motion_text value=text error=error />
                <div class="field">
                    <label for="motion-rule">{move || t().assemblies().motion_rule}</label>
                    <select
                        id="motion-rule"
                        name="rule"
                        aria-describedby="motion-rule-msg rule-preview"
                        prop:value=move || rule.get()
                        on:change=move |ev| rule.set(event_target_value(&ev))
                    >
                        {move || rule_codes()
                            .into_iter()
                            .map(|(code, name)| {
                                let selected = {
                                    let code = code.clone();
                                    move || rule.get() == code
                                };
                                view! { <option value=code prop:selected=selected>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                    <p id="motion-rule-msg" class="field-msg" aria-live="polite">{field_msg("rule")}</p>
                    <p id="rule-preview" class="muted" aria-live="polite">
                        {move || preview().map(|p| format!("{} {p}", t().assemblies().rule_requires))}
                    </p>
                </div>
                <Select
                    name="ballot"
                    id="motion-ballot"
                    label=|s| s.assemblies().motion_ballot
                    value=ballot
                    error=error
                    options=ballot_options()
                />
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="motion-submit" disabled=move || busy.get()>
                    {move || t().assemblies().motion_submit}
                </button>
            </form>
        </section>
    }
}
