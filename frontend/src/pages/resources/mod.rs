//! Common resources: the pools and their periods, the Labs' requests, the board's decisions,
//! and the transparency page (usage, allocations per Lab, the ledger). Route views are the
//! `*_page.rs` files; the rest are their parts. Amounts stay the API's exact decimal strings;
//! they are parsed only to size bars and to check what someone typed before sending it.

pub mod add_period_form;
pub mod allocation_chart;
pub mod capacity_form;
pub mod create_pool_form;
pub mod lab_resources;
pub mod ledger_table;
pub mod period_usage;
pub mod pool_card;
pub mod pools_page;
pub mod queue_item;
pub mod request_form;
pub mod request_item;
pub mod request_queue_page;
pub mod transparency_page;

use crate::api::{self, ApiError};
use crate::session::Session;
use constellation_shared::dto::resources::{Pool, RequestStatus, ResourceRequest};
use constellation_shared::queries::resources as q;
use constellation_shared::rules::amount::{format_amount, parse_amount, AmountError, MAX_SCALE};
use constellation_shared::ValidationReason;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The API's largest page.
const PAGE_SIZE: i32 = 100;
/// Lists read whole (pools, a Lab's requests, the queue) stop after this many pages.
const MAX_PAGES: usize = 20;

/// Board members and administrators manage pools and decide requests.
pub fn is_board(session: Session) -> bool {
    session
        .me
        .with(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin))
}

/// Every pool, with its periods.
pub async fn load_pools(session: Session) -> Result<Vec<Pool>, ApiError> {
    let mut all = Vec::new();
    let mut after = None;
    for _ in 0..MAX_PAGES {
        let vars = q::PageVars {
            first: Some(PAGE_SIZE),
            after,
        };
        let d = api::request::<_, q::PoolsData>(q::POOLS, vars, session.token()).await?;
        let c = d.resource_pools;
        all.extend(c.nodes().cloned());
        after = c
            .page_info
            .has_next_page
            .then_some(c.page_info.end_cursor)
            .flatten();
        if after.is_none() {
            break;
        }
    }
    Ok(all)
}

/// Requests, oldest first: a Lab's (`lab_id`), or the board's queue (`status`).
pub async fn load_requests(
    session: Session,
    status: Option<RequestStatus>,
    lab_id: Option<String>,
) -> Result<Vec<ResourceRequest>, ApiError> {
    let mut all = Vec::new();
    let mut after = None;
    for _ in 0..MAX_PAGES {
        let vars = q::RequestsVars {
            status,
            lab_id: lab_id.clone(),
            first: Some(PAGE_SIZE),
            after,
        };
        let d = api::request::<_, q::RequestsData>(q::REQUESTS, vars, session.token()).await?;
        let c = d.resource_requests;
        all.extend(c.nodes().cloned());
        after = c
            .page_info
            .has_next_page
            .then_some(c.page_info.end_cursor)
            .flatten();
        if after.is_none() {
            break;
        }
    }
    Ok(all)
}

/// Runs a mutation and hands its answer to `done`; the error lands in `error`.
pub fn mutate<V, D>(
    session: Session,
    document: &'static str,
    vars: V,
    error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
    done: impl FnOnce(D) + 'static,
) where
    V: Serialize + 'static,
    D: DeserializeOwned + 'static,
{
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    error.set(None);
    leptos::task::spawn_local(async move {
        let result = api::request::<V, D>(document, vars, session.token()).await;
        busy.set(false);
        match result {
            Ok(d) => done(d),
            Err(e) => error.set(Some(e)),
        }
    });
}

/// Puts a pool the server answered in place of the one shown (or adds it).
pub fn replace_pool(pools: RwSignal<Vec<Pool>>, pool: Pool) {
    pools.update(|ps| match ps.iter_mut().find(|p| p.id == pool.id) {
        Some(p) => *p = pool,
        None => ps.push(pool),
    });
}

/// A pool's scale as the amount rules take it.
pub fn scale_of(scale: i32) -> u32 {
    u32::try_from(scale).unwrap_or(0).min(MAX_SCALE)
}

/// An amount in minor units, for sizing bars only (0 when unreadable).
pub fn minor(raw: &str, scale: i32) -> i64 {
    parse_amount(raw, scale_of(scale)).unwrap_or(0)
}

/// `part` as a percentage of `whole`, between 0 and 100, for display only.
pub fn percent(part: &str, whole: &str, scale: i32) -> f64 {
    let whole = minor(whole, scale);
    if whole <= 0 {
        return 0.0;
    }
    let part = minor(part, scale).clamp(0, whole);
    part as f64 * 100.0 / whole as f64
}

/// Checks an amount typed in the browser and answers it as the API expects ("12,5" becomes
/// "12.50"); a refusal is shown on `field` like the server's.
pub fn checked_amount(
    raw: &str,
    scale: i32,
    field: &str,
    allow_zero: bool,
) -> Result<String, ApiError> {
    let scale = scale_of(scale);
    match parse_amount(raw, scale) {
        Ok(0) if !allow_zero => Err(ApiError::invalid(field, ValidationReason::Invalid)),
        Ok(v) => Ok(format_amount(v, scale)),
        Err(AmountError::Empty) => Err(ApiError::invalid(field, ValidationReason::Required)),
        Err(_) => Err(ApiError::invalid(field, ValidationReason::Invalid)),
    }
}

/// The date part of an ISO timestamp.
pub fn date_of(at: &str) -> String {
    at.get(..10).unwrap_or(at).to_owned()
}

/// Whole days since an ISO timestamp (none when unreadable).
pub fn days_since(at: &str) -> Option<i64> {
    let then = js_sys::Date::parse(at);
    if then.is_nan() {
        return None;
    }
    let days = ((js_sys::Date::now() - then) / 86_400_000.0).floor();
    Some(days as i64)
}

/// Text trimmed, or none when blank.
pub fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}
