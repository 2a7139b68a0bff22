//! An assembly's title and facts (kind, date, place, status, convocation), the links to its
//! pages, and what to show while it loads or when there is none.

use super::instant_label;
use super::state::AssemblyCtx;
use crate::components::form_error::FormError;
use crate::i18n::{strings, Strings};
use constellation_shared::dto::assemblies::{Assembly, AssemblyStatus};
use leptos::prelude::*;
use leptos_router::components::A;

/// While loading, on error, or when there is no such assembly.
pub fn assembly_fallback(ctx: AssemblyCtx) -> AnyView {
    let t = move || strings(ctx.session.lang.get());
    if !ctx.loaded.get() || !ctx.session.ready.get() {
        view! { <p>{move || t().loading}</p> }.into_any()
    } else if !ctx.signed_in() {
        view! {
            <p class="notice">
                {move || t().sign_in_required} " " <A href="/login">{move || t().nav_login}</A>
            </p>
        }
        .into_any()
    } else if ctx.load_error.with(Option::is_some) {
        view! { <FormError error=ctx.load_error /> }.into_any()
    } else {
        view! {
            <h1 id="assembly-not-found">{move || t().assemblies().assembly_not_found}</h1>
            <p><A href="/assemblies">{move || t().assemblies().assemblies_title}</A></p>
        }
        .into_any()
    }
}

/// The title (after the page's name, on the assembly's other pages) and the facts.
#[component]
pub fn AssemblyHeader(
    ctx: AssemblyCtx,
    #[prop(optional)] page: Option<fn(&Strings) -> &'static str>,
) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let field = move |f: fn(&Assembly) -> String| {
        ctx.assembly.with(|a| a.as_ref().map(f).unwrap_or_default())
    };
    let title = move || {
        let name = field(|a| a.title.clone());
        match page {
            Some(p) => format!("{} — {name}", p(t())),
            None => name,
        }
    };
    let status = move || ctx.status().unwrap_or(AssemblyStatus::Draft);
    let kind = move || {
        ctx.assembly.with(|a| {
            a.as_ref()
                .map(|a| t().assemblies().assembly_kind_label(a.kind))
        })
    };
    let date = move || field(|a| a.starts_at.clone());
    let convened = move || {
        ctx.assembly
            .with(|a| a.as_ref().and_then(|a| a.convened_at.clone()))
    };
    let first = move || {
        ctx.assembly
            .with(|a| a.as_ref().and_then(|a| a.first_convocation.clone()))
    };
    view! {
        <h1>{title}</h1>
        <dl class="facts assembly-facts">
            <dt>{move || t().assemblies().assembly_kind}</dt>
            <dd id="assembly-kind-label">{kind}</dd>
            <dt>{move || t().assemblies().assembly_date}</dt>
            <dd id="assembly-date"><time datetime=date>{move || instant_label(&date(), lang.get())}</time></dd>
            <dt>{move || t().assemblies().assembly_place}</dt>
            <dd id="assembly-place-label">{move || field(|a| a.place.clone())}</dd>
            <dt>{move || t().assemblies().assembly_status}</dt>
            <dd>
                <span id="assembly-status" class="badge" data-status=move || status().as_str()>
                    {move || t().assemblies().assembly_status_label(status())}
                </span>
            </dd>
            {move || convened().map(|at| {
                let datetime = at.clone();
                view! {
                    <dt>{move || t().assemblies().convened_at}</dt>
                    <dd><time datetime=datetime>{move || instant_label(&at, lang.get())}</time></dd>
                }
            })}
            {move || first().map(|f| view! {
                <dt>{move || t().assemblies().second_convocation_of}</dt>
                <dd>
                    <A href=format!("/assemblies/{}", f.id) attr:id="first-convocation-link">
                        {f.title.clone()} " (" {move || instant_label(&f.starts_at, lang.get())} ")"
                    </A>
                </dd>
            })}
        </dl>
        <AssemblyLinks ctx=ctx />
    }
}

/// The assembly's pages, as a small navigation.
#[component]
pub fn AssemblyLinks(ctx: AssemblyCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let base = move || format!("/assemblies/{}", ctx.id());
    let votes = move || {
        ctx.assembly.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.viewer.effective || !a.viewer.proxies_held.is_empty())
        })
    };
    view! {
        <nav class="edition-links" aria-label=move || t().assemblies().assembly_pages>
            <ul>
                <li><A href=base exact=true>{move || t().assemblies().assembly_home}</A></li>
                <Show when=move || ctx.effective()>
                    <li><A href=move || format!("{}/proxy", base()) attr:id="link-proxy">{move || t().assemblies().proxy_title}</A></li>
                </Show>
                <Show when=votes>
                    <li><A href=move || format!("{}/vote", base()) attr:id="link-vote">{move || t().assemblies().vote_title}</A></li>
                </Show>
                <Show when=move || ctx.chair()>
                    <li><A href=move || format!("{}/chair", base()) attr:id="link-chair">{move || t().assemblies().chair_title}</A></li>
                </Show>
            </ul>
        </nav>
    }
}

/// Effective members, present and represented.
#[component]
pub fn AttendanceCounts(ctx: AssemblyCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let count =
        move |f: fn(&Assembly) -> i32| ctx.assembly.with(|a| a.as_ref().map(f).unwrap_or_default());
    view! {
        <section aria-labelledby="attendance-h">
            <h2 id="attendance-h">{move || t().assemblies().attendance}</h2>
            <dl class="facts">
                <dt>{move || t().assemblies().members_count}</dt>
                <dd id="members-count" class="num">{move || count(|a| a.members)}</dd>
                <dt>{move || t().assemblies().present_count}</dt>
                <dd id="present-count" class="num">{move || count(|a| a.present)}</dd>
                <dt>{move || t().assemblies().represented_count}</dt>
                <dd id="represented-count" class="num">{move || count(|a| a.represented)}</dd>
            </dl>
        </section>
    }
}
