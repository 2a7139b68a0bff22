//! `/profile`: edit name, change password, download my data, delete my account.

use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::{use_session, Session};
use constellation_shared::dto::accounts::ProfileInput;
use constellation_shared::queries::accounts as q;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    view! {
        <Show
            when=move || session.me.get().is_some()
            fallback=move || view! {
                <p>{move || if session.ready.get() { t().sign_in_required } else { t().loading }}</p>
            }
        >
            <h1>{move || t().accounts().profile_title}</h1>
            <Details session=session />
            <Verification session=session />
            <PasswordForm session=session />
            <MyData session=session />
            <DeleteAccount session=session />
        </Show>
    }
}

/// While the address is not confirmed: say so, and send the link again on demand.
#[component]
fn Verification(session: Session) -> impl IntoView {
    let t = move || strings(session.lang.get());
    let pending = move || {
        session
            .me
            .with(|m| m.as_ref().and_then(|m| m.email_verified) == Some(false))
    };
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let resend = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        note.set(None);
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::ResendVerificationData>(
                q::RESEND_VERIFICATION,
                serde_json::json!({}),
                session.token(),
            )
            .await;
            busy.try_set(false);
            match result {
                Ok(_) => {
                    note.try_set(Some(
                        strings(session.lang.get_untracked())
                            .members()
                            .verify_resent,
                    ));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <Show when=pending>
            <section aria-labelledby="verify-h" id="verify-pending">
                <h2 id="verify-h">{move || t().members().verify_title}</h2>
                <p>{move || t().members().verify_pending}</p>
                <button type="button" id="verify-resend" disabled=move || busy.get() on:click=resend>
                    {move || if busy.get() { t().working } else { t().members().verify_resend }}
                </button>
                <FormError error=error />
                <FormNote text=note.into() />
            </section>
        </Show>
    }
}

#[component]
fn Details(session: Session) -> impl IntoView {
    let t = move || strings(session.lang.get());
    let me = move || session.me.get();
    let name = RwSignal::new(me().map(|m| m.display_name).unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        note.set(None);
        let vars = q::UpdateProfileVars {
            input: ProfileInput {
                display_name: Some(name.get_untracked()),
                language: None,
            },
        };
        leptos::task::spawn_local(async move {
            match api::request::<_, q::UpdateProfileData>(q::UPDATE_PROFILE, vars, session.token())
                .await
            {
                Ok(d) => {
                    session.me.set(Some(d.update_profile));
                    note.set(Some(strings(session.lang.get_untracked()).saved));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section aria-labelledby="details-h">
            <h2 id="details-h">{move || t().accounts().profile_section}</h2>
            <dl class="facts">
                <dt>{move || t().accounts().email}</dt>
                <dd id="profile-email">{move || me().map(|m| m.email).unwrap_or_default()}</dd>
                <dt>{move || t().accounts().membership}</dt>
                <dd>{move || me().map(|m| m.membership_kind.label(session.lang.get())).unwrap_or_default()}</dd>
                <Show when=move || me().is_some_and(|m| m.is_board)>
                    <dd>{move || t().accounts().board_member}</dd>
                </Show>
                <Show when=move || me().is_some_and(|m| m.is_admin)>
                    <dd>{move || t().accounts().admin}</dd>
                </Show>
            </dl>
            <form on:submit=submit novalidate>
                <Field name="displayName" label=|s| s.accounts().display_name value=name error=error autocomplete="name" />
                <FormError error=error />
                <FormNote text=note.into() />
                <button type="submit">{move || t().save}</button>
            </form>
        </section>
    }
}

#[component]
fn PasswordForm(session: Session) -> impl IntoView {
    let t = move || strings(session.lang.get());
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        note.set(None);
        let new_password = new.get_untracked();
        let vars = q::ChangePasswordVars {
            current_password: current.get_untracked(),
            new_password: new_password.clone(),
        };
        let email = session
            .me
            .with_untracked(|m| m.as_ref().map(|m| m.email.clone()));
        leptos::task::spawn_local(async move {
            let changed =
                api::request::<_, q::ChangePasswordData>(q::CHANGE_PASSWORD, vars, session.token())
                    .await;
            // The change ended every session, this one too: sign in again with the new
            // password so that this tab stays signed in.
            let changed = match (changed, email) {
                (Ok(_), Some(email)) => {
                    let login = q::LoginVars {
                        email,
                        password: new_password,
                    };
                    match api::request::<_, q::LoginData>(q::LOGIN, login, None).await {
                        Ok(d) => {
                            session.signed_in(Some(d.login.token), d.login.user);
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                (Ok(_), None) => Ok(()),
                (Err(e), _) => Err(e),
            };
            match changed {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    note.set(Some(
                        strings(session.lang.get_untracked())
                            .accounts()
                            .password_changed,
                    ));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section aria-labelledby="password-h">
            <h2 id="password-h">{move || t().accounts().password_section}</h2>
            <form on:submit=submit novalidate>
                <Field name="currentPassword" label=|s| s.accounts().current_password value=current error=error kind="password" autocomplete="current-password" />
                <Field name="newPassword" label=|s| s.accounts().new_password value=new error=error kind="password" autocomplete="new-password" hint=|s| s.accounts().password_hint />
                <FormError error=error />
                <FormNote text=note.into() />
                <button type="submit">{move || t().accounts().change_password_submit}</button>
            </form>
        </section>
    }
}

#[component]
fn MyData(session: Session) -> impl IntoView {
    let t = move || strings(session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let download = move |_| {
        error.set(None);
        note.set(None);
        let Some(token) = session.token() else { return };
        leptos::task::spawn_local(async move {
            match api::download_my_data(token).await {
                Ok(()) => note.set(Some(strings(session.lang.get_untracked()).download_done)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section aria-labelledby="data-h">
            <h2 id="data-h">{move || t().accounts().data_section}</h2>
            <p>{move || t().accounts().data_intro}</p>
            <button type="button" id="download-data" on:click=download>{move || t().accounts().download_data}</button>
            <FormError error=error />
            <FormNote text=note.into() />
        </section>
    }
}

#[component]
fn DeleteAccount(session: Session) -> impl IntoView {
    let t = move || strings(session.lang.get());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let vars = q::DeleteMyAccountVars {
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::request::<_, q::DeleteMyAccountData>(
                q::DELETE_MY_ACCOUNT,
                vars,
                session.token(),
            )
            .await
            {
                Ok(_) => {
                    session.sign_out();
                    navigate("/", Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section aria-labelledby="delete-h" class="danger">
            <h2 id="delete-h">{move || t().accounts().delete_section}</h2>
            <p>{move || t().accounts().delete_intro}</p>
            <form on:submit=submit novalidate>
                <Field name="password" label=|s| s.accounts().password value=password error=error kind="password" autocomplete="current-password" />
                <FormError error=error />
                <button type="submit" class="danger">{move || t().accounts().delete_submit}</button>
            </form>
        </section>
    }
}
