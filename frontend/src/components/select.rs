//! A labelled drop-down whose error is announced and linked to it, like `Field`: over plain
//! text (`Select`) or over one of the shared enums (`EnumSelect`), whose signal holds the enum
//! itself, so a form never parses its own choice back with a fallback.

use crate::api::ApiError;
use crate::i18n::{strings, Strings};
use crate::session::use_session;
use constellation_shared::dto::{
    assemblies::{AssemblyKind, BallotKind, MajorityRuleCode},
    barcamp::SessionFormat,
    labs::{LabVisibility, MembershipPolicy},
    polls::{PollKind, PollVisibility},
    resources::PoolKind,
    transition::{MigrationPath, OfferKind, ServiceKind},
};
use constellation_shared::MembershipKind;
use leptos::prelude::*;

/// One choice: the value sent over the wire, and its label.
pub type SelectOption = (&'static str, fn(&Strings) -> &'static str);

/// One choice of an `EnumSelect`: the value, and its label.
pub type Choice<T> = (T, fn(&Strings) -> &'static str);

/// A shared enum a drop-down offers: its wire text, both ways.
pub trait WireEnum: Copy + PartialEq + Send + Sync + 'static {
    fn wire(self) -> &'static str;
    fn from_wire(raw: &str) -> Option<Self>;
}

macro_rules! wire_enums {
    ($($t:ty),+ $(,)?) => {$(
        impl WireEnum for $t {
            fn wire(self) -> &'static str {
                self.as_str()
            }
            fn from_wire(raw: &str) -> Option<Self> {
                <$t>::parse(raw)
            }
        }
    )+};
}

wire_enums!(
    AssemblyKind,
    BallotKind,
    MajorityRuleCode,
    SessionFormat,
    LabVisibility,
    MembershipPolicy,
    PollKind,
    PollVisibility,
    PoolKind,
    MigrationPath,
    OfferKind,
    ServiceKind,
    MembershipKind,
);

/// The `on:change` of a hand-written `<select>` over a typed signal. A value outside the set
/// (only a tampered page sends one) leaves the choice as it was.
pub fn pick_into<T: WireEnum>(value: RwSignal<T>) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |ev| {
        if let Some(v) = T::from_wire(&event_target_value(&ev)) {
            value.set(v);
        }
    }
}

/// `Select` over an enum: `value` holds the enum; the options are `(value, label)`.
#[component]
pub fn EnumSelect<T: WireEnum>(
    name: &'static str,
    label: fn(&Strings) -> &'static str,
    value: RwSignal<T>,
    error: RwSignal<Option<ApiError>>,
    options: Vec<Choice<T>>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let current = Signal::derive(move || value.get().wire().to_owned());
    let pick = Callback::new(move |raw: String| {
        if let Some(v) = T::from_wire(&raw) {
            value.set(v);
        }
    });
    let options = options.into_iter().map(|(v, l)| (v.wire(), l)).collect();
    select_view(name, label, current, pick, error, options, id)
}

/// `name` is the GraphQL field name, so the server's `extensions.field` lands here; `id`
/// defaults to it (give another when the page has two controls for the same field name).
#[component]
pub fn Select(
    name: &'static str,
    label: fn(&Strings) -> &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
    options: Vec<SelectOption>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let pick = Callback::new(move |raw: String| value.set(raw));
    select_view(name, label, value.into(), pick, error, options, id)
}

/// The one drop-down both components render (not generic, so each enum adds no view code).
fn select_view(
    name: &'static str,
    label: fn(&Strings) -> &'static str,
    value: Signal<String>,
    pick: Callback<String>,
    error: RwSignal<Option<ApiError>>,
    options: Vec<SelectOption>,
    id: Option<String>,
) -> AnyView {
    let session = use_session();
    let id = id.unwrap_or_else(|| name.to_owned());
    let msg_id = format!("{id}-msg");
    let message = move || {
        error
            .get()
            .and_then(|e| e.for_field(name, session.lang.get()))
    };
    let invalid = move || {
        error
            .get()
            .is_some_and(|e| e.field.as_deref() == Some(name))
            .to_string()
    };
    let options = options
        .into_iter()
        .map(|(v, l)| {
            view! {
                <option value=v prop:selected=move || value.get() == v>
                    {move || l(strings(session.lang.get()))}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(strings(session.lang.get()))}</label>
            <select
                id=id
                name=name
                aria-invalid=invalid
                aria-describedby=msg_id.clone()
                prop:value=move || value.get()
                on:change=move |ev| pick.run(event_target_value(&ev))
            >
                {options}
            </select>
            <p id=msg_id class="field-msg" aria-live="polite">{message}</p>
        </div>
    }
    .into_any()
}
