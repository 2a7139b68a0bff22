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

use crate::api::{ApiError, Call};
use constellation_shared::dto::resources::{Pool, RequestStatus, ResourceRequest};
use constellation_shared::queries::resources as q;
use constellation_shared::rules::amount::{format_amount, parse_amount, AmountError, MAX_SCALE};
use constellation_shared::ValidationReason;
use leptos::prelude::*;

/// Every pool, with its periods.
pub async fn load_pools(call: &Call) -> Result<Vec<Pool>, ApiError> {
    let vars = |first, after| q::PageVars { first, after };
    call.all(q::POOLS, vars, |d: q::PoolsData| d.resource_pools)
        .await
}

/// Requests, oldest first: a Lab's (`lab_id`), or the board's queue (`status`).
pub async fn load_requests(
    call: &Call,
    status: Option<RequestStatus>,
    lab_id: Option<String>,
) -> Result<Vec<ResourceRequest>, ApiError> {
    let vars = |first, after| q::RequestsVars {
        status,
        lab_id: lab_id.clone(),
        first,
        after,
    };
    call.all(q::REQUESTS, vars, |d: q::RequestsData| d.resource_requests)
        .await
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
