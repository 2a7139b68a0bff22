//! The invitations sent, newest first: to whom, as what, and whether they were used.

use crate::api;
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::dto::reach::InvitationStatus;
use constellation_shared::queries::members as q;
use leptos::prelude::*;

const PAGE_SIZE: i32 = 20;

#[component]
pub fn InvitationsList(sent: RwSignal<u64>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    // Again after each invitation sent.
    let list = api::paged(session, move |call, after| {
        sent.track();
        let vars = q::InvitationsVars {
            first: Some(PAGE_SIZE),
            after,
            pending_only: None,
        };
        async move {
            call.page(q::INVITATIONS, vars, |d: q::InvitationsData| d.invitations)
                .await
        }
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
            <Awaited data=list.data>
            <Show when=move || list.is_empty()>
                <p id="invitations-empty">{move || t().members().invitations_empty}</p>
            </Show>
            <ul id="invitations" class="rows">
                <For
                    each=move || list.items()
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
            <MoreButton list=list id="invitations-more" />
            </Awaited>
        </section>
    }
}
