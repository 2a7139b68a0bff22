//! Relay connections over lists a DataLoader already fetched for many parents at once: the
//! SQL stays one statement per relation, the API stays paginated.

use super::error::GqlResultExt;
use crate::domain::DomainError;
use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{OutputType, Result};
use constellation_shared::ValidationReason;

pub type Page<N> = Connection<String, N, EmptyFields, EmptyFields>;

/// Rows of a page when `first` is not given.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// The most rows one page may hold.
pub const MAX_PAGE_SIZE: usize = 100;
/// Where a paginated field's complexity stops growing: far above any limit a server sets,
/// low enough that async-graphql's (unchecked) sum over a document's few hundred fields
/// cannot overflow.
const MAX_FIELD_COMPLEXITY: usize = 1 << 30;

/// Page size: 20 by default, at most 100.
pub fn page_size(first: Option<i32>) -> Result<usize> {
    match first {
        None => Ok(DEFAULT_PAGE_SIZE),
        Some(n) if (1..=MAX_PAGE_SIZE as i32).contains(&n) => Ok(n as usize),
        Some(_) => Err(DomainError::invalid("first", ValidationReason::Invalid)).gql(),
    }
}

/// The complexity of a paginated field (`#[graphql(complexity = "...")]`): what is selected
/// below it counts once per row the page may hold, so that nested connections multiply.
/// A `first` out of range is refused by the resolver; here it counts as the nearest bound.
pub fn page_complexity(first: Option<i32>, child_complexity: usize) -> usize {
    let rows = first.map_or(DEFAULT_PAGE_SIZE, |n| {
        n.clamp(1, MAX_PAGE_SIZE as i32) as usize
    });
    child_complexity
        .saturating_mul(rows)
        .saturating_add(1)
        .min(MAX_FIELD_COMPLEXITY)
}

/// Cursors are positions in the parent's list.
pub fn slice<T, N: OutputType>(
    items: Vec<T>,
    first: Option<i32>,
    after: Option<String>,
    node: impl Fn(T) -> N,
) -> Result<Page<N>> {
    let limit = page_size(first)?;
    let start = match after {
        None => 0,
        // A cursor that does not parse, or whose successor overflows, is a bad request.
        Some(a) => a
            .parse::<usize>()
            .ok()
            .and_then(|i| i.checked_add(1))
            .ok_or_else(|| DomainError::invalid("after", ValidationReason::Invalid))
            .gql()?,
    };
    let total = items.len();
    let mut conn = Connection::new(start > 0, start.saturating_add(limit) < total);
    conn.edges.extend(
        items
            .into_iter()
            .enumerate()
            .skip(start)
            .take(limit)
            .map(|(i, t)| Edge::new(i.to_string(), node(t))),
    );
    Ok(conn)
}

/// A page fetched from the database with `limit + 1` rows: trims and builds the connection.
pub fn from_rows<T, N: OutputType>(
    mut rows: Vec<T>,
    limit: usize,
    has_previous: bool,
    cursor: impl Fn(&T) -> String,
    node: impl Fn(T) -> N,
) -> Page<N> {
    let has_next = rows.len() > limit;
    rows.truncate(limit);
    let mut conn = Connection::new(has_previous, has_next);
    conn.edges
        .extend(rows.into_iter().map(|r| Edge::new(cursor(&r), node(r))));
    conn
}
