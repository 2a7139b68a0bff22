//! What the board's and the working group's pages share: who may see them, reading a
//! paginated list, running a mutation, the plan as the board edits it.

use crate::api::{self, ApiError, Call};
use crate::session::Session;
use constellation_shared::dto::transition::PlanDetail;
use constellation_shared::dto::Connection;
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;

/// One page of a list.
pub const PAGE_SIZE: i32 = 50;

/// The plan (absent until the board sets it up), with whether the viewer is in the working
/// group.
pub async fn load_plan(call: &Call) -> Result<Option<PlanDetail>, ApiError> {
    let d: b::PlanData = call.request(b::PLAN, NoVars {}).await?;
    Ok(d.transition_plan)
}

/// Whether the viewer may open the working group's pages: the board, or a member of the
/// working group. `None` until known.
pub fn staff_access(session: Session) -> Signal<Option<bool>> {
    let access = api::load(session, move |call| {
        let known = session.ready.get() && session.me.with(Option::is_some);
        let board = session.is_board();
        async move {
            if !known {
                return Ok(None);
            }
            // A plan that cannot be read gives no working group.
            let plan = load_plan(&call).await.ok().flatten();
            Ok(Some(board || plan.is_some_and(|p| p.in_working_group)))
        }
    });
    Signal::derive(move || api::with_loaded(access, |a| *a))
}

/// The cursor of the next page, if any.
pub fn next_cursor<T>(c: &Connection<T>) -> Option<String> {
    c.page_info
        .has_next_page
        .then(|| c.page_info.end_cursor.clone())
        .flatten()
}

/// The date part of an RFC 3339 timestamp.
pub fn date_of(at: &str) -> String {
    at.get(..10).unwrap_or(at).to_owned()
}

/// Trimmed, or `None` when blank.
pub fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}
