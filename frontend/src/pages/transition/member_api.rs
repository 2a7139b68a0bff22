//! What the member side's pages share: reading a whole list page by page, and who the
//! viewer is (the server decides; these only choose what to show).

use crate::api::{self, ApiError};
use crate::session::Session;
use constellation_shared::dto::Connection;
use constellation_shared::MembershipKind;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The API's largest page.
pub const PAGE_SIZE: i32 = 100;
/// Lists read whole stop after this many pages.
const MAX_PAGES: usize = 20;

/// Every node of a paginated list: `vars` builds the variables for a cursor, `pick` takes
/// the connection out of the answer.
pub async fn load_all<V, D, T>(
    session: Session,
    document: &'static str,
    vars: impl Fn(Option<String>) -> V,
    pick: impl Fn(D) -> Connection<T>,
) -> Result<Vec<T>, ApiError>
where
    V: Serialize,
    D: DeserializeOwned,
{
    let mut all = Vec::new();
    let mut after = None;
    for _ in 0..MAX_PAGES {
        let d = api::request::<V, D>(document, vars(after), session.token()).await?;
        let c = pick(d);
        let next = c
            .page_info
            .has_next_page
            .then_some(c.page_info.end_cursor)
            .flatten();
        all.extend(c.edges.into_iter().map(|e| e.node));
        after = next;
        if after.is_none() {
            break;
        }
    }
    Ok(all)
}

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
