//! The secret ballot box: receipt codes, rewriting a motion's ballots in a random order at
//! closing, and the published list of receipts.

use crate::domain::core::unlink::rewrite_shuffled;
use crate::domain::DomainResult;
use crate::entities::secret_ballot;
use constellation_shared::ids::MotionId;
use rand::RngCore;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set,
};
use uuid::Uuid;

pub(super) fn receipt() -> String {
    let mut b = [0u8; 10];
    rand::rng().fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Rewrites a motion's ballots in a random order with fresh ids, in the closing transaction.
pub(super) async fn shuffle_ballots(
    txn: &DatabaseTransaction,
    motion_id: MotionId,
) -> DomainResult<()> {
    rewrite_shuffled(
        txn,
        secret_ballot::Column::MotionId.eq(motion_id),
        |b: &secret_ballot::Model| secret_ballot::ActiveModel {
            id: Set(Uuid::new_v4().to_string()),
            motion_id: Set(b.motion_id),
            choice: Set(b.choice.clone()),
            receipt: Set(b.receipt.clone()),
        },
    )
    .await?;
    Ok(())
}

/// Published with a closed secret ballot: every receipt, sorted, without choices.
pub async fn receipts<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
) -> DomainResult<Vec<String>> {
    let mut r: Vec<String> = secret_ballot::Entity::find()
        .filter(secret_ballot::Column::MotionId.eq(motion_id))
        .select_only()
        .column(secret_ballot::Column::Receipt)
        .into_tuple()
        .all(conn)
        .await?;
    r.sort();
    Ok(r)
}
