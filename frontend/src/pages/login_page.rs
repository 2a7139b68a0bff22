//! `/login`.

use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::queries::accounts as q;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let navigate = navigate.clone();
        let vars = q::LoginVars {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::LoginData>(q::LOGIN, vars, None).await;
            pending.set(false);
            match result {
                Ok(d) => {
                    session.signed_in(Some(d.login.token), d.login.user);
                    navigate("/profile", Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    view! {
        <section class="narrow">
            <h1>{move || t().accounts().login_title}</h1>
            <form on:submit=submit novalidate>
                <Field name="email" label=|s| s.accounts().email value=email error=error kind="email" autocomplete="username" />
                <Field name="password" label=|s| s.accounts().password value=password error=error kind="password" autocomplete="current-password" />
                <FormError error=error />
                <button type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { t().working } else { t().accounts().login_submit }}
                </button>
            </form>
            <p><A href="/reset-password" attr:id="forgot-password">{move || t().members().forgot_password}</A></p>
            <p><A href="/register">{move || t().accounts().no_account}</A></p>
        </section>
    }
}
