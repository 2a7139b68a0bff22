//! The board's register of members (search, edit, roles, exports, invitations by e-mail),
//! the invitee's page, and the audit log.
//! Route views are the `*_page.rs` files; the rest are their parts.

pub mod audit_page;
pub mod invitation_page;
pub mod invitations_list;
pub mod invite_form;
pub mod mail_failures_page;
pub mod member_row;
pub mod members_page;
pub mod register_exports;

use crate::session::Session;
use constellation_shared::MembershipKind;
use leptos::prelude::*;

/// Board members and administrators keep the register.
pub fn keeps_register(session: Session) -> bool {
    session
        .me
        .with(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin))
}

pub fn is_admin(session: Session) -> bool {
    session.me.with(|m| m.as_ref().is_some_and(|m| m.is_admin))
}

/// Trimmed, or `None` when blank.
pub fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// A membership kind as people write it in a roster, in either language.
pub fn parse_kind(raw: &str) -> Option<MembershipKind> {
    let k = raw.trim().to_lowercase();
    let k = k.trim_start_matches("membre ").trim();
    match k {
        "effective" | "effectif" | "effective member" => Some(MembershipKind::Effective),
        "adherent" | "adhérent" | "adherente" | "adhérente" => Some(MembershipKind::Adherent),
        "sympathizer" | "sympathiser" | "sympathisant" | "sympathisante" | "sympathisant·e" => {
            Some(MembershipKind::Sympathizer)
        }
        other => MembershipKind::parse(&other.to_uppercase()),
    }
}

/// The membership kinds as `<option>`s, each marked by `selected`.
pub fn kind_options(
    session: Session,
    selected: impl Fn(MembershipKind) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    MembershipKind::ALL
        .iter()
        .map(|k| {
            let k = *k;
            view! {
                <option value=k.as_str() prop:selected=move || selected(k)>
                    {move || k.label(session.lang.get())}
                </option>
            }
        })
        .collect_view()
}
