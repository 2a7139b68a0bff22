//! `/assemblies/:id/proxy`: give one's proxy to another effective member (by email), follow
//! its status and revoke it; accept or decline the proxies given to oneself.

use super::assembly_header::{assembly_fallback, AssemblyHeader};
use super::live::follow_assembly;
use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::assemblies::{Proxy, ProxyStatus};
use constellation_shared::queries::assemblies as q;
use constellation_shared::rules::looks_like_email;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

/// Every error of the proxy form is shown in its alert, whatever its field.
const ALL_ERRORS: &[&str] = &[];

#[component]
pub fn ProxyPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let ctx = AssemblyCtx::for_route(session);
    follow_assembly(ctx, || ());
    view! {
        <Show when=move || ctx.assembly.with(Option::is_some) fallback=move || assembly_fallback(ctx)>
            <AssemblyHeader ctx=ctx page=|s| s.assemblies().proxy_title />
            <p class="lead">{move || t().assemblies().proxy_intro}</p>
            <Show
                when=move || ctx.effective()
                fallback=move || view! { <p id="proxy-not-effective" class="notice">{move || t().assemblies().proxy_not_effective}</p> }
            >
                <Show when=move || !ctx.agenda_editable()>
                    <p id="proxy-settled" class="notice">{move || t().assemblies().proxy_settled}</p>
                </Show>
                <MyProxy ctx=ctx />
                <ProxiesHeld ctx=ctx />
            </Show>
        </Show>
    }
}

/// The proxy one gave: the form to give it, its status, and revoking it.
#[component]
fn MyProxy(ctx: AssemblyCtx) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    // The proxy last revoked here: the server stops listing it, the page still says so.
    let revoked = RwSignal::new(None::<Proxy>);
    let given = move || {
        ctx.assembly
            .with(|a| a.as_ref().and_then(|a| a.viewer.proxy_given.clone()))
            .or_else(|| {
                revoked.get().map(|p| Proxy {
                    status: ProxyStatus::Revoked,
                    ..p
                })
            })
    };
    let open = move || ctx.agenda_editable();
    let can_give = move || {
        open()
            && ctx
                .assembly
                .with(|a| a.as_ref().is_some_and(|a| a.viewer.proxy_given.is_none()))
    };
    let can_revoke = move || {
        open()
            && given()
                .is_some_and(|p| matches!(p.status, ProxyStatus::Pending | ProxyStatus::Accepted))
    };

    let give = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let holder_email = email.get_untracked().trim().to_owned();
        if !looks_like_email(&holder_email) {
            error.set(Some(ApiError::invalid(
                "holderEmail",
                ValidationReason::EmailFormat,
            )));
            return;
        }
        let vars = q::GiveProxyVars {
            id: ctx.id(),
            holder_email,
        };
        ctx.mutate(q::GIVE_PROXY, vars, error, busy, move || {
            email.try_set(String::new());
            revoked.try_set(None);
            note.try_set(Some(strings(lang.get_untracked()).assemblies().proxy_sent));
        });
    };
    let revoke = move |_| {
        note.set(None);
        let before = ctx
            .assembly
            .with_untracked(|a| a.as_ref().and_then(|a| a.viewer.proxy_given.clone()));
        let vars = q::IdVars { id: ctx.id() };
        ctx.mutate(q::REVOKE_PROXY, vars, error, busy, move || {
            revoked.try_set(before);
            note.try_set(Some(
                strings(lang.get_untracked())
                    .assemblies()
                    .proxy_revoked_note,
            ));
        });
    };

    view! {
        <section aria-labelledby="my-proxy-h">
            <h2 id="my-proxy-h">{move || t().assemblies().my_proxy}</h2>
            {move || given().map(|p| {
                let status = p.status;
                view! {
                    <dl class="facts" id="proxy-given" data-proxy-id=p.id.clone()>
                        <dt>{move || t().assemblies().proxy_given_to}</dt>
                        <dd id="proxy-given-holder">{p.holder.display_name.clone()}</dd>
                        <dt>{move || t().assemblies().assembly_status}</dt>
                        <dd>
                            <span class="badge" data-status=status.as_str()>{move || t().assemblies().proxy_status_label(status)}</span>
                            " "
                            <code id="proxy-given-status" aria-hidden="true">{status.as_str()}</code>
                        </dd>
                    </dl>
                }
            })}
            <Show when=can_revoke>
                <button type="button" id="revoke-proxy" class="danger" on:click=revoke disabled=move || busy.get()>
                    {move || t().assemblies().revoke_proxy}
                </button>
            </Show>
            <Show when=can_give>
                <form id="give-proxy-form" on:submit=give novalidate>
                    <div class="field">
                        <label for="holder-email">{move || t().assemblies().holder_email}</label>
                        <input
                            id="holder-email"
                            name="holderEmail"
                            type="email"
                            autocomplete="off"
                            required=true
                            aria-invalid=move || error.with(Option::is_some).to_string()
                            aria-describedby="my-proxy-error"
                            prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev))
                        />
                    </div>
                    <button type="submit" id="give-proxy" disabled=move || busy.get()>
                        {move || t().assemblies().give_proxy}
                    </button>
                </form>
            </Show>
            // One field: its errors and the others are all announced here.
            <div id="my-proxy-error">
                <FormError error=error fields=ALL_ERRORS />
            </div>
            <FormNote text=note.into() />
        </section>
    }
}

/// The proxies given to oneself, to accept or decline.
#[component]
fn ProxiesHeld(ctx: AssemblyCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let held = move || {
        ctx.assembly.with(|a| {
            a.as_ref()
                .map(|a| a.viewer.proxies_held.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section aria-labelledby="proxies-held-h">
            <h2 id="proxies-held-h">{move || t().assemblies().proxies_held}</h2>
            <Show when=move || held().is_empty()>
                <p id="proxies-held-empty">{move || t().assemblies().proxies_held_none}</p>
            </Show>
            <ul id="proxies-held" class="rows">
                <For
                    each=held
                    key=|p| (p.id.clone(), p.status)
                    children=move |p: Proxy| view! { <HeldProxy ctx=ctx proxy=p /> }
                />
            </ul>
        </section>
    }
}

#[component]
fn HeldProxy(ctx: AssemblyCtx, proxy: Proxy) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let status = proxy.status;
    let name = proxy.principal.display_name.clone();
    let answer = {
        let id = proxy.id.clone();
        move |accept: bool| {
            let vars = q::AnswerProxyVars {
                proxy_id: id.clone(),
                accept,
            };
            ctx.mutate(q::ANSWER_PROXY, vars, error, busy, || ());
        }
    };
    let accept = {
        let answer = answer.clone();
        move |_| answer(true)
    };
    let decline = move |_| answer(false);
    let pending = status == ProxyStatus::Pending;
    let principal = name.clone();
    view! {
        <li class="proxy" data-proxy-id=proxy.id.clone() data-status=status.as_str()>
            <span>{move || t().assemblies().proxy_from} " " <strong>{principal}</strong></span>
            <span class="badge" data-status=status.as_str()>{move || t().assemblies().proxy_status_label(status)}</span>
            <Show when=move || pending && ctx.agenda_editable()>
                <button type="button" class="accept-proxy" on:click=accept.clone() disabled=move || busy.get()>
                    {move || t().assemblies().accept_proxy} <span class="sr-only">" — " {name.clone()}</span>
                </button>
                <button type="button" class="decline-proxy secondary" on:click=decline.clone() disabled=move || busy.get()>
                    {move || t().assemblies().decline_proxy} <span class="sr-only">" — " {name.clone()}</span>
                </button>
            </Show>
            <FormError error=error />
        </li>
    }
}
