//! A member's assembly record for their personal-data export (JSON and tables).

use crate::domain::DomainResult;
use crate::entities::{ballot_participation, open_vote, proxy};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use uuid::Uuid;

/// The person's assembly record for their export: attendance, proxies given and held, open
/// votes (their own and those they cast for others), and secret-ballot participation —
/// never a secret choice.
pub async fn export<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> DomainResult<(Value, Vec<crate::domain::core::privacy::Table>)> {
    use crate::entities::attendance;
    let present = attendance::Entity::find()
        .filter(attendance::Column::UserId.eq(user_id))
        .all(conn)
        .await?;
    let proxies = proxy::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(proxy::Column::PrincipalId.eq(user_id))
                .add(proxy::Column::HolderId.eq(user_id)),
        )
        .all(conn)
        .await?;
    let open = open_vote::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(open_vote::Column::MemberId.eq(user_id))
                .add(open_vote::Column::CastBy.eq(user_id)),
        )
        .all(conn)
        .await?;
    let secret = ballot_participation::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(ballot_participation::Column::MemberId.eq(user_id))
                .add(ballot_participation::Column::CastBy.eq(user_id)),
        )
        .all(conn)
        .await?;
    let json = json!({
        "attendance": present.iter().map(|a| json!({ "assembly": a.assembly_id, "checkedInAt": a.checked_in_at })).collect::<Vec<_>>(),
        "proxies": proxies.iter().map(|p| json!({ "assembly": p.assembly_id, "role": if p.principal_id == user_id { "GIVEN" } else { "HELD" }, "status": p.status })).collect::<Vec<_>>(),
        "openVotes": open.iter().map(|v| json!({ "motion": v.motion_id, "forMe": v.member_id == user_id, "castByMe": v.cast_by == user_id, "choice": v.choice, "at": v.cast_at })).collect::<Vec<_>>(),
        "secretBallotParticipation": secret.iter().map(|p| json!({ "motion": p.motion_id, "forMe": p.member_id == user_id, "castByMe": p.cast_by == user_id })).collect::<Vec<_>>(),
    });
    let tables = vec![
        crate::domain::core::privacy::Table {
            name: "assembly_attendance",
            columns: vec!["assembly", "checked_in_at"],
            rows: present
                .iter()
                .map(|a| vec![a.assembly_id.to_string(), a.checked_in_at.to_rfc3339()])
                .collect(),
        },
        crate::domain::core::privacy::Table {
            name: "assembly_open_votes",
            columns: vec!["motion", "for_me", "cast_by_me", "choice"],
            rows: open
                .iter()
                .map(|v| {
                    vec![
                        v.motion_id.to_string(),
                        (v.member_id == user_id).to_string(),
                        (v.cast_by == user_id).to_string(),
                        v.choice.as_str().to_owned(),
                    ]
                })
                .collect(),
        },
        crate::domain::core::privacy::Table {
            name: "assembly_secret_participation",
            columns: vec!["motion", "for_me", "cast_by_me"],
            rows: secret
                .iter()
                .map(|p| {
                    vec![
                        p.motion_id.to_string(),
                        (p.member_id == user_id).to_string(),
                        (p.cast_by == user_id).to_string(),
                    ]
                })
                .collect(),
        },
    ];
    Ok((json, tables))
}
