//! The schedule's time line: an edition's slots in time order, cut into blocks of
//! back-to-back slots, and the edition's rooms, as the scheduler, moves and readers see them.

use crate::domain::DomainResult;
use crate::entities::{barcamp_room as room, barcamp_session as session, barcamp_slot as slot};
use chrono::{DateTime, Utc};
use constellation_shared::ids::{EditionId, SlotId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// An edition's slots in time order, cut into blocks of back-to-back slots: a session of
/// several slots stays inside one block (no running across lunch or into the next day).
pub struct Timeline {
    pub slots: Vec<slot::Model>,
    block: Vec<usize>,
}

impl Timeline {
    pub fn new(mut slots: Vec<slot::Model>) -> Self {
        slots.sort_by_key(|s| s.starts_at);
        let mut block = Vec::with_capacity(slots.len());
        for (i, s) in slots.iter().enumerate() {
            let b = match i {
                0 => 0,
                _ => {
                    let prev = &slots[i - 1];
                    let last = block[i - 1];
                    if prev.ends_at == s.starts_at && prev.day == s.day {
                        last
                    } else {
                        last + 1
                    }
                }
            };
            block.push(b);
        }
        Self { slots, block }
    }

    /// Lengths of the blocks, in order (the scheduler's "days").
    pub fn blocks(&self) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for (i, b) in self.block.iter().enumerate() {
            if i == 0 || *b != self.block[i - 1] {
                out.push(0);
            }
            if let Some(last) = out.last_mut() {
                *last += 1;
            }
        }
        out
    }

    pub fn index_of(&self, slot_id: SlotId) -> Option<usize> {
        self.slots.iter().position(|s| s.id == slot_id)
    }

    /// Slot indexes `start..start+len`, if they exist and stay in one block.
    pub fn span(&self, start: usize, len: usize) -> Result<Vec<usize>, SpanError> {
        let end = start + len;
        if len == 0 || end > self.slots.len() {
            return Err(SpanError::OutsideGrid);
        }
        if self.block[start] != self.block[end - 1] {
            return Err(SpanError::CrossesBreak);
        }
        Ok((start..end).collect())
    }

    /// The slots a placed session occupies (empty when not placed or no longer fitting).
    pub fn slots_of(&self, s: &session::Model) -> Vec<&slot::Model> {
        let Some(start) = s.start_slot_id.and_then(|id| self.index_of(id)) else {
            return Vec::new();
        };
        self.span(start, Ord::max(s.length, 1) as usize)
            .map(|ix| ix.into_iter().map(|i| &self.slots[i]).collect())
            .unwrap_or_default()
    }

    /// When a placed session runs.
    pub fn interval(&self, s: &session::Model) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let slots = self.slots_of(s);
        Some((slots.first()?.starts_at, slots.last()?.ends_at))
    }
}

#[derive(Debug, PartialEq)]
pub enum SpanError {
    OutsideGrid,
    CrossesBreak,
}

pub async fn timeline<C: ConnectionTrait>(
    conn: &C,
    edition_id: EditionId,
) -> DomainResult<Timeline> {
    Ok(Timeline::new(
        slot::Entity::find()
            .filter(slot::Column::EditionId.eq(edition_id))
            .order_by_asc(slot::Column::StartsAt)
            .all(conn)
            .await?,
    ))
}

pub(super) async fn rooms_of<C: ConnectionTrait>(
    conn: &C,
    edition_id: EditionId,
) -> DomainResult<Vec<room::Model>> {
    Ok(room::Entity::find()
        .filter(room::Column::EditionId.eq(edition_id))
        .order_by_asc(room::Column::Name)
        .all(conn)
        .await?)
}
