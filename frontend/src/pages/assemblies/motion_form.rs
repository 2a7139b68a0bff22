//! The board adds a motion or an election of people under an agenda item: its text, the
//! majority rule (with what the rule requires, worked out in the browser) and the kind of
//! ballot (an encrypted one said in a line); for an election, the seats and how a ballot is
//! marked (`election_fields`).

use super::election_fields::{effective_mode, parse_seats, ElectionFields};
use super::rule_requirement::requirement;
use super::state::AssemblyCtx;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::components::select::{pick_into, Choice, EnumSelect};
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use constellation_shared::dto::assemblies::{
    BallotKind, ElectionInput, ElectionMode, MajorityRule, MajorityRuleCode, MotionInput,
    MotionKind,
};
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::assemblies as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

const FIELDS: &[&str] = &["itemId", "text", "rule", "ballot", "seats", "mode"];

fn ballot_options() -> Vec<Choice<BallotKind>> {
    let options: [Choice<BallotKind>; 3] = [
        (BallotKind::Open, |s| s.assemblies().ballot_open),
        (BallotKind::Secret, |s| s.assemblies().ballot_secret),
        (BallotKind::Encrypted, |s| s.assemblies().ballot_encrypted),
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
    let rule = RwSignal::new(MajorityRuleCode::Simple);
    let ballot = RwSignal::new(BallotKind::Open);
    let kind = RwSignal::new(MotionKind::Motion);
    let seats = RwSignal::new(String::from("1"));
    let mode = RwSignal::new(ElectionMode::Approval);
    let election = move || kind.get() == MotionKind::Election;
    let encrypted = Signal::derive(move || ballot.get() == BallotKind::Encrypted);
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
                .map(|c| (*c, c.as_str().to_owned()))
                .collect::<Vec<_>>()
        } else {
            loaded.into_iter().map(|r| (r.code, r.name)).collect()
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
                .find(|r| r.code == code)
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
        let text_value = text.get_untracked().trim().to_owned();
        let rule_code = rule.get_untracked();
        let ballot_kind = ballot.get_untracked();
        let done = move || {
            text.try_set(String::new());
            let t = strings(lang.get_untracked());
            note.try_set(Some(if kind.get_untracked() == MotionKind::Election {
                t.elections().added
            } else {
                t.assemblies().motion_added
            }));
        };
        if kind.get_untracked() == MotionKind::Motion {
            let vars = q::AddMotionVars {
                item_id,
                input: MotionInput {
                    text: text_value,
                    rule: rule_code,
                    ballot: ballot_kind,
                },
            };
            ctx.mutate(q::ADD_MOTION, vars, error, busy, done);
            return;
        }
        let Some(seat_count) = parse_seats(&seats.get_untracked()) else {
            error.set(Some(ApiError::invalid("seats", ValidationReason::Invalid)));
            super::focus_by_id("election-seats");
            return;
        };
        let vars = q::AddElectionVars {
            item_id,
            input: ElectionInput {
                text: text_value,
                rule: rule_code,
                ballot: ballot_kind,
                seats: seat_count,
                mode: effective_mode(mode.get_untracked(), ballot_kind == BallotKind::Encrypted),
            },
        };
        ctx.mutate(q::ADD_ELECTION, vars, error, busy, done);
    };

    let field_msg =
        move |name: &'static str| move || error.get().and_then(|e| e.for_field(name, lang.get()));

    view! {
        <section aria-labelledby="add-motion-h" class="board">
            <h2 id="add-motion-h">{move || t().elections().add_title}</h2>
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
                <fieldset id="add-kind" class="add-kind">
                    <legend>{move || t().elections().add_kind}</legend>
                    {[MotionKind::Motion, MotionKind::Election]
                        .into_iter()
                        .map(|k| {
                            let id = format!("add-kind-{}", k.as_str());
                            view! {
                                <div class="field checkbox choice">
                                    <input
                                        type="radio"
                                        id=id.clone()
                                        name="kind"
                                        value=k.as_str()
                                        prop:checked=move || kind.get() == k
                                        on:change=move |_| {
                                            kind.set(k);
                                            error.set(None);
                                            note.set(None);
                                        }
                                    />
                                    <label for=id>{move || t().elections().kind_label(k)}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                {move || if election() {
                    view! { <TextArea name="text" id="motion-text" label=|s| s.elections().text value=text error=error /> }.into_any()
                } else {
                    view! { <TextArea name="text" id="motion-text" label=|s| s.assemblies().motion_text value=text error=error /> }.into_any()
                }}
                <div class="field">
                    <label for="motion-rule">{move || t().assemblies().motion_rule}</label>
                    <select
                        id="motion-rule"
                        name="rule"
                        aria-describedby="motion-rule-msg rule-preview"
                        prop:value=move || rule.get().as_str()
                        on:change=pick_into(rule)
                    >
                        {move || rule_codes()
                            .into_iter()
                            .map(|(code, name)| {
                                let selected = move || rule.get() == code;
                                view! { <option value=code.as_str() prop:selected=selected>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                    <p id="motion-rule-msg" class="field-msg" aria-live="polite">{field_msg("rule")}</p>
                    <p id="rule-preview" class="muted" aria-live="polite">
                        {move || preview().map(|p| format!("{} {p}", t().assemblies().rule_requires))}
                    </p>
                </div>
                <EnumSelect
                    name="ballot"
                    id="motion-ballot"
                    label=|s| s.assemblies().motion_ballot
                    value=ballot
                    error=error
                    options=ballot_options()
                />
                <p id="motion-ballot-hint" class="muted" aria-live="polite">
                    {move || (ballot.get() == BallotKind::Encrypted).then(|| t().assemblies().ballot_encrypted_hint)}
                </p>
                <Show when=election>
                    <ElectionFields seats=seats mode=mode encrypted=encrypted error=error />
                </Show>
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="motion-submit" disabled=move || busy.get()>
                    {move || if election() { t().elections().submit } else { t().assemblies().motion_submit }}
                </button>
            </form>
        </section>
    }
}
