//! `/register`: create an account, then sign in with it.

use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::accounts::RegisterInput;
use constellation_shared::queries::accounts as q;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
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
        let input = RegisterInput {
            email: email.get_untracked(),
            password: password.get_untracked(),
            display_name: name.get_untracked(),
            language: Some(session.lang.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = async {
                let vars = q::RegisterVars {
                    input: input.clone(),
                };
                api::request::<_, q::RegisterData>(q::REGISTER, vars, None).await?;
                let vars = q::LoginVars {
                    email: input.email,
                    password: input.password,
                };
                api::request::<_, q::LoginData>(q::LOGIN, vars, None).await
            }
            .await;
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
            <h1>{move || t().accounts().register_title}</h1>
            <form on:submit=submit novalidate>
                <Field name="displayName" label=|s| s.accounts().display_name value=name error=error autocomplete="name" />
                <Field name="email" label=|s| s.accounts().email value=email error=error kind="email" autocomplete="email" />
                <Field name="password" label=|s| s.accounts().password value=password error=error kind="password" autocomplete="new-password" hint=|s| s.accounts().password_hint />
                <FormError error=error />
                <button type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { t().working } else { t().accounts().register_submit }}
                </button>
            </form>
            <p><A href="/login">{move || t().accounts().have_account}</A></p>
        </section>
    }
}
