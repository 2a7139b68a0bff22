//! What the member side's pages share: who the viewer is (the server decides; these only choose what to show).

use crate::session::Session;
use constellation_shared::MembershipKind;
use leptos::prelude::*;

/// The signed-in account's id, as the API writes it.
pub fn my_id(session: Session) -> Option<String> {
    session.me.with(|m| m.as_ref().map(|m| m.id.to_string()))
}

/// Effective and adherent members (and the board) answer the poll and offer help.
pub fn is_association_member(session: Session) -> bool {
    session.me.with(|m| {
        m.as_ref().is_some_and(|m| {
            m.is_board
                || m.is_admin
                || matches!(
                    m.membership_kind,
                    MembershipKind::Effective | MembershipKind::Adherent
                )
        })
    })
}
