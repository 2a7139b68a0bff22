//! What the transition tells its members: a path chosen (to the holders but the one who
//! chose), data handed over to confirm (to the holders), a support request answered (to the
//! requester), an offer decided (to the volunteer), the deadline approaching (to holders of
//! services at risk, from `deadline`). Each is called inside the transaction of the change
//! that causes it, like every producer of `reach::notify`; [`announce`] after the commit.
//!
//! Event keys name the event, not the call: a path chosen and an answer carry the instant
//! they were written (a holder may choose again, the group may answer again, each is news),
//! a hand-over the item (handed once), a decision the offer (decided once). The database
//! keeps one notification per recipient and key, so an event told twice is told once.

use crate::domain::reach::notify::{self, notify, Announced, Notice};
use crate::domain::transition::holders_of;
use crate::domain::{DomainResult, Env};
use crate::entities::{
    transition_handover_item, transition_offer, transition_service, transition_support_request,
    user,
};
use constellation_shared::dto::reach::NotificationKind;
use constellation_shared::ids::ServiceId;
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait};
use serde_json::json;
use uuid::Uuid;

/// The service's page in the app.
pub fn service_link(id: ServiceId) -> String {
    format!("/transition/services/{id}")
}

async fn name_of<C: ConnectionTrait>(conn: &C, id: Uuid) -> DomainResult<String> {
    Ok(user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default())
}

/// A path was chosen (by a holder, the board, or an accepted take-over): the other holders.
pub async fn path_chosen(
    txn: &DatabaseTransaction,
    env: &Env,
    service: &transition_service::Model,
    by: Uuid,
) -> DomainResult<Announced> {
    let recipients: Vec<Uuid> = holders_of(txn, service.id)
        .await?
        .into_iter()
        .filter(|h| *h != by)
        .collect();
    if recipients.is_empty() {
        return Ok(Announced::default());
    }
    notify(
        txn,
        &env.reach,
        Notice {
            kind: NotificationKind::TransitionPathChosen,
            event_key: format!(
                "transition.path:{}:{}",
                service.id,
                service.updated_at.timestamp_micros()
            ),
            recipients,
            payload: json!({
                "subject": service.name,
                "path": service.path,
                "target": service.target_host,
                "by": name_of(txn, by).await?,
            }),
            link: service_link(service.id),
            ics: None,
            about: Some(("transition_service".to_owned(), service.id.to_string())),
        },
    )
    .await
}

/// An item of the checklist was handed over: the holders confirm they received it.
pub async fn handover_to_confirm(
    txn: &DatabaseTransaction,
    env: &Env,
    service: &transition_service::Model,
    item: &transition_handover_item::Model,
) -> DomainResult<Announced> {
    notify(
        txn,
        &env.reach,
        Notice {
            kind: NotificationKind::HandoverToConfirm,
            event_key: format!("transition.handover:{}", item.id),
            recipients: holders_of(txn, service.id).await?,
            payload: json!({ "subject": service.name, "item": item.item }),
            link: service_link(service.id),
            ics: None,
            about: Some(("transition_service".to_owned(), service.id.to_string())),
        },
    )
    .await
}

/// The working group answered: the requester (unless they answered themself).
pub async fn support_answered(
    txn: &DatabaseTransaction,
    env: &Env,
    request: &transition_support_request::Model,
) -> DomainResult<Announced> {
    if request.answered_by == Some(request.requester_id) {
        return Ok(Announced::default());
    }
    let answer: String = request
        .answer
        .as_deref()
        .unwrap_or_default()
        .chars()
        .take(1_000)
        .collect();
    let at = request
        .answered_at
        .map(|t| t.timestamp_micros())
        .unwrap_or_default();
    notify(
        txn,
        &env.reach,
        Notice {
            kind: NotificationKind::SupportAnswered,
            event_key: format!("transition.support.answered:{}:{at}", request.id),
            recipients: vec![request.requester_id],
            payload: json!({ "subject": request.subject, "detail": answer }),
            // The requester reads the answer where they asked: the service's page (the
            // queue at `/transition/support` is the working group's, not theirs).
            link: request
                .service_id
                .map_or_else(|| "/transition".to_owned(), service_link),
            ics: None,
            about: Some((
                "transition_support_request".to_owned(),
                request.id.to_string(),
            )),
        },
    )
    .await
}

/// The board accepted or declined an offer: the volunteer, with the reason.
pub async fn offer_decided(
    txn: &DatabaseTransaction,
    env: &Env,
    offer: &transition_offer::Model,
) -> DomainResult<Announced> {
    let service = match offer.service_id {
        Some(id) => transition_service::Entity::find_by_id(id).one(txn).await?,
        None => None,
    };
    notify(
        txn,
        &env.reach,
        Notice {
            kind: NotificationKind::TransitionOfferDecided,
            event_key: format!("transition.offer.decided:{}", offer.id),
            recipients: vec![offer.offered_by],
            payload: json!({
                "subject": service.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
                "status": offer.status.as_str(),
                "detail": offer.decision_reason.clone().unwrap_or_default(),
            }),
            // The volunteer does not hold the service: their offers are on the overview.
            link: "/transition".to_owned(),
            ics: None,
            about: Some(("transition_offer".to_owned(), offer.id.to_string())),
        },
    )
    .await
}

/// After the commit: wakes the recipients' open pages.
pub fn announce(env: &Env, told: Announced) {
    notify::announce(env, told);
}
