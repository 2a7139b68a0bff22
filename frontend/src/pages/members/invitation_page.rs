//! `/invitation?token=…`: the invitee sees whom the invitation is for, chooses a name and a
//! password, and is signed in to their new account.

use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::i18n::{fill, strings};
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::dto::reach::InvitationInfo;
use constellation_shared::queries::members as q;
use constellation_shared::ErrorCode;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn InvitationPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").filter(|t| !t.is_empty()));
    let info = RwSignal::new(None::<InvitationInfo>);
    let load_error = RwSignal::new(None::<ApiError>);
    let loaded = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    Effect::new(move |_| {
        let Some(token) = token.get() else {
            loaded.set(true);
            return;
        };
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::InvitationData>(
                q::INVITATION,
                q::InvitationVars { token },
                None,
            )
            .await;
            loaded.try_set(true);
            match result {
                Ok(d) => {
                    name.try_set(d.invitation.display_name.clone().unwrap_or_default());
                    info.try_set(Some(d.invitation));
                }
                Err(e) => {
                    load_error.try_set(Some(e));
                }
            }
        });
    });
    let problem = move || {
        let s = t();
        if token.get().is_none() {
            return Some(s.members().no_token);
        }
        load_error.get().map(|e| match e.code {
            ErrorCode::NotFound => s.members().invitation_invalid,
            _ => e.message(session.lang.get()),
        })
    };
    view! {
        <section class="narrow" aria-labelledby="invitation-h">
            <h1 id="invitation-h">{move || t().members().invitation_title}</h1>
            <Show when=move || !loaded.get()>
                <p>{move || t().loading}</p>
            </Show>
            {move || problem().map(|p| view! { <p id="invitation-problem" class="notice" role="alert">{p}</p> })}
            {move || info.get().map(|i| view! { <AcceptForm info=i token=token name=name /> })}
        </section>
    }
}

#[component]
fn AcceptForm(
    info: InvitationInfo,
    token: Memo<Option<String>>,
    name: RwSignal<String>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let kind = info.membership_kind;
    let email = info.email.clone();
    let expires = info.expires_at.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = token.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let vars = q::AcceptInvitationVars {
            token,
            password: password.get_untracked(),
            display_name: Some(name.get_untracked().trim().to_owned()).filter(|n| !n.is_empty()),
            language: Some(session.lang.get_untracked()),
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result =
                api::request::<_, q::AcceptInvitationData>(q::ACCEPT_INVITATION, vars, None).await;
            busy.try_set(false);
            match result {
                Ok(d) => {
                    let s = d.accept_invitation;
                    session.signed_in(Some(s.token), s.user);
                    navigate("/", Default::default());
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <p id="invitation-for" class="lead">
            {move || fill(t().members().invitation_for, &[&email, kind.label(session.lang.get())])}
        </p>
        <p class="muted">
            {move || t().members().expires} " "
            {move || instant_label(&expires, session.lang.get())}
        </p>
        <p>{move || t().members().invitation_intro}</p>
        <form id="invitation-form" on:submit=submit novalidate>
            <Field name="displayName" label=|s| s.accounts().display_name value=name error=error autocomplete="name" />
            <Field name="password" label=|s| s.accounts().password value=password error=error kind="password" autocomplete="new-password" hint=|s| s.accounts().password_hint />
            <FormError error=error fields=&["displayName", "password"] />
            <button type="submit" id="accept-invitation" disabled=move || busy.get()>
                {move || if busy.get() { t().working } else { t().members().invitation_accept }}
            </button>
        </form>
    }
}
