//! "Waiting for you": proxies to answer, votes to cast, join requests to decide, common
//! rules to acknowledge, Lab invitations, the board's queues and unread notifications, each
//! a link to where it is done.

use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::queries::reach::Home;
use leptos::prelude::*;
use leptos_router::components::A;

/// One thing to do: what it is (for `data-kind`), where, and the sentence.
#[derive(Clone, PartialEq)]
struct Task {
    kind: &'static str,
    href: String,
    text: String,
}

/// The list, in the reader's language. A proxy links to its assembly's proxy page, a vote to
/// its assembly's voting page.
fn tasks(h: &Home, t: &crate::i18n::Strings) -> Vec<Task> {
    let r = &t.reach();
    let mut out = Vec::new();
    for p in &h.proxies_to_answer {
        let who = p
            .principal
            .as_ref()
            .map(|p| p.display_name.as_str())
            .filter(|n| !n.is_empty())
            .unwrap_or(r.home_someone);
        out.push(Task {
            kind: "proxy",
            href: format!("/assemblies/{}/proxy", p.assembly_id),
            text: fill(r.home_proxy_asked, &[who]),
        });
    }
    for m in h.open_motions.iter().filter(|m| !m.voted) {
        out.push(Task {
            kind: "vote",
            href: format!("/assemblies/{}/vote", m.motion.assembly_id),
            text: fill(r.home_vote_open, &[m.motion.text.trim()]),
        });
    }
    for j in &h.join_requests {
        let who = j
            .request
            .user
            .as_ref()
            .map(|u| u.display_name.as_str())
            .unwrap_or(r.home_someone);
        out.push(Task {
            kind: "join-request",
            href: format!("/labs/{}", j.lab.slug),
            text: fill(r.home_join_request, &[who, &j.lab.name]),
        });
    }
    for l in &h.rules_to_acknowledge {
        out.push(Task {
            kind: "rules",
            href: format!("/labs/{}", l.slug),
            text: fill(r.home_rules_ack, &[&l.name]),
        });
    }
    for l in &h.lab_invitations {
        out.push(Task {
            kind: "lab-invitation",
            href: format!("/labs/{}", l.slug),
            text: fill(r.home_lab_invitation, &[&l.name]),
        });
    }
    if let Some(q) = &h.board_queue {
        if q.labs_to_review > 0 {
            out.push(Task {
                kind: "review",
                href: "/review".to_owned(),
                text: fill(r.home_labs_to_review, &[&q.labs_to_review.to_string()]),
            });
        }
        if q.resource_requests > 0 {
            out.push(Task {
                kind: "requests",
                href: "/resources/queue".to_owned(),
                text: fill(
                    r.home_requests_to_decide,
                    &[&q.resource_requests.to_string()],
                ),
            });
        }
    }
    if h.unread_notifications > 0 {
        out.push(Task {
            kind: "notifications",
            href: "/notifications".to_owned(),
            text: fill(r.home_unread, &[&h.unread_notifications.to_string()]),
        });
    }
    out
}

#[component]
pub fn WaitingList(home: Memo<Option<Home>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let list = move || {
        home.with(|h| {
            h.as_ref()
                .map(|h| tasks(h, strings(session.lang.get())))
                .unwrap_or_default()
        })
    };
    view! {
        <section id="home-waiting" aria-labelledby="home-waiting-h">
            <h2 id="home-waiting-h">{move || t().reach().home_waiting}</h2>
            <Show
                when=move || !list().is_empty()
                fallback=move || view! { <p id="home-waiting-empty">{move || t().reach().home_waiting_empty}</p> }
            >
                <ul class="rows waiting">
                    <For
                        each=list
                        key=|task| (task.kind, task.href.clone(), task.text.clone())
                        children=|task| view! {
                            <li class="waiting-item" data-kind=task.kind>
                                <A href=task.href>{task.text}</A>
                            </li>
                        }
                    />
                </ul>
            </Show>
        </section>
    }
}
