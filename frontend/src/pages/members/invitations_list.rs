//! The invitations sent, newest first: to whom, as what, and whether they were used.

use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::dto::reach::{Invitation, InvitationStatus};
use constellation_shared::queries::members as q;
use leptos::prelude::*;

const PAGE_SIZE: i32 = 20;

#[component]
pub fn InvitationsList(sent: RwSignal<u64>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let list = RwSignal::new(Vec::<Invitation>::new());
    let next = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let fetch = move |after: Option<String>| {
        let append = after.is_some();
        let vars = q::InvitationsVars {
            first: Some(PAGE_SIZE),
            after,
            pending_only: None,
        };
        leptos::task::spawn_local(async move {
            let result =
                api::request::<_, q::InvitationsData>(q::INVITATIONS, vars, session.token()).await;
            loaded.try_set(true);
            match result {
                Ok(d) => {
                    let c = d.invitations;
                    let page: Vec<Invitation> = c.nodes().cloned().collect();
                    next.try_set(
                        c.page_info
                            .has_next_page
                            .then_some(c.page_info.end_cursor)
                            .flatten(),
                    );
                    if append {
                        list.try_update(|l| l.extend(page));
                    } else {
                        list.try_set(page);
                    }
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    Effect::new(move |_| {
        sent.track();
        session.token.track();
        fetch(None);
    });
    let status = move |s: InvitationStatus| {
        let m = t().members();
        match s {
            InvitationStatus::Pending => m.invitation_pending,
            InvitationStatus::Used => m.invitation_used,
            InvitationStatus::Expired => m.invitation_expired,
        }
    };
    view! {
        <section aria-labelledby="invitations-h">
            <h2 id="invitations-h">{move || t().members().invitations_title}</h2>
            <FormError error=error />
            <Show when=move || loaded.get() && list.with(Vec::is_empty)>
                <p id="invitations-empty">{move || t().members().invitations_empty}</p>
            </Show>
            <ul id="invitations" class="rows">
                <For
                    each=move || list.get()
                    key=|i| (i.id.clone(), i.status)
                    children=move |i| {
                        let s = i.status;
                        let expires = i.expires_at.clone();
                        view! {
                            <li class="invitation" data-email=i.email.clone() data-status=s.as_str()>
                                <span>
                                    {i.display_name.clone().map(|n| format!("{n} — ")).unwrap_or_default()}
                                    {i.email.clone()}
                                </span>
                                <span class="muted">{move || i.membership_kind.label(session.lang.get())}</span>
                                <span class="badge" data-status=s.as_str()>{move || status(s)}</span>
                                <Show when=move || s == InvitationStatus::Pending>
                                    <span class="muted">
                                        {move || t().members().expires} " "
                                        {
                                            let expires = expires.clone();
                                            move || instant_label(&expires, session.lang.get())
                                        }
                                    </span>
                                </Show>
                            </li>
                        }
                    }
                />
            </ul>
            <Show when=move || next.with(Option::is_some)>
                <button type="button" id="invitations-more" class="secondary" on:click=move |_| fetch(next.get_untracked())>
                    {move || t().load_more}
                </button>
            </Show>
        </section>
    }
}
