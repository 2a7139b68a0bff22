//! What the transition tells its members: a path chosen (to the holders), a hand-over to
//! confirm (to the holders), a support request answered (to the requester), the deadline
//! approaching (to holders of services at risk). Each is called inside the transaction of
//! the change that causes it, like every producer of `reach::notify`.
//!
//! Not sent yet: sending needs four `NotificationKind`s (`TRANSITION_PATH_CHOSEN`,
//! `HANDOVER_TO_CONFIRM`, `SUPPORT_ANSWERED`, `TRANSITION_DEADLINE`) with their texts in
//! `reach::text` and the frontend's preferences page, which this change could not edit.
//! Until then these functions write nothing and the call sites are in place.

use crate::domain::reach::notify::{self, Announced};
use crate::domain::{DomainResult, Env};
use crate::entities::{transition_handover_item, transition_service, transition_support_request};
use sea_orm::DatabaseTransaction;
use uuid::Uuid;

pub async fn path_chosen(
    _txn: &DatabaseTransaction,
    _env: &Env,
    _service: &transition_service::Model,
    _by: Uuid,
) -> DomainResult<Announced> {
    Ok(Announced::default())
}

pub async fn handover_to_confirm(
    _txn: &DatabaseTransaction,
    _env: &Env,
    _service: &transition_service::Model,
    _item: &transition_handover_item::Model,
) -> DomainResult<Announced> {
    Ok(Announced::default())
}

pub async fn support_answered(
    _txn: &DatabaseTransaction,
    _env: &Env,
    _request: &transition_support_request::Model,
) -> DomainResult<Announced> {
    Ok(Announced::default())
}

/// After the commit: wakes the recipients' open pages.
pub fn announce(env: &Env, told: Announced) {
    notify::announce(env, told);
}
