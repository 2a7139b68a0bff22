//! `/reset-password`: without a token, ask for a reset link by e-mail (the answer is the
//! same whatever the address); with `?token=…` from that mail, choose a new password.

use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::queries::accounts as q;
use constellation_shared::ErrorCode;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").filter(|t| !t.is_empty()));
    view! {
        <section class="narrow" aria-labelledby="reset-h">
            <h1 id="reset-h">{move || t().members().reset_title}</h1>
            <Show when=move || token.with(Option::is_some) fallback=RequestForm>
                <NewPasswordForm token=token />
            </Show>
        </section>
    }
}

#[component]
fn RequestForm() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        note.set(None);
        let vars = q::RequestPasswordResetVars {
            email: email.get_untracked().trim().to_owned(),
        };
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::RequestPasswordResetData>(
                q::REQUEST_PASSWORD_RESET,
                vars,
                None,
            )
            .await;
            busy.try_set(false);
            match result {
                Ok(_) => {
                    note.try_set(Some(
                        strings(session.lang.get_untracked())
                            .members()
                            .reset_requested,
                    ));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <p>{move || t().members().reset_request_intro}</p>
        <form id="reset-request-form" on:submit=submit novalidate>
            <Field name="email" label=|s| s.accounts().email value=email error=error kind="email" autocomplete="email" />
            <FormError error=error fields=&["email"] />
            <button type="submit" id="reset-request" disabled=move || busy.get()>
                {move || if busy.get() { t().working } else { t().members().reset_request_submit }}
            </button>
            <FormNote text=note.into() />
        </form>
    }
}

#[component]
fn NewPasswordForm(token: Memo<Option<String>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
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
        let vars = q::ResetPasswordVars {
            token,
            new_password: password.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let result =
                api::request::<_, q::ResetPasswordData>(q::RESET_PASSWORD, vars, None).await;
            busy.try_set(false);
            match result {
                Ok(_) => {
                    // Every session of the account ended, this browser's included.
                    session.sign_out();
                    done.try_set(true);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let invalid = move || {
        error
            .with(|e| e.as_ref().is_some_and(|e| e.code == ErrorCode::NotFound))
            .then(|| t().members().reset_invalid)
    };
    view! {
        <Show
            when=move || !done.get()
            fallback=move || view! {
                <p id="reset-done" class="form-note" role="status">{move || t().members().reset_done}</p>
                <p><A href="/login">{move || t().nav_login}</A></p>
            }
        >
            <p>{move || t().members().reset_intro}</p>
            {move || invalid().map(|m| view! {
                <p class="notice" role="alert">{m} " " <A href="/reset-password">{move || t().members().reset_request_submit}</A></p>
            })}
            <form id="reset-form" on:submit=submit novalidate>
                <Field name="newPassword" label=|s| s.accounts().new_password value=password error=error kind="password" autocomplete="new-password" hint=|s| s.accounts().password_hint />
                <FormError error=error fields=&["newPassword", "token"] />
                <button type="submit" id="reset-submit" disabled=move || busy.get()>
                    {move || if busy.get() { t().working } else { t().members().reset_submit }}
                </button>
            </form>
        </Show>
    }
}
