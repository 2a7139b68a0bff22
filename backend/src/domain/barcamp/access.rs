//! Who may do what in a barcamp edition, as pure functions over facts the caller has already
//! loaded (the GraphQL layer loads them through DataLoaders): written once, used by the
//! resolvers and the services alike.

use crate::domain::Actor;
use constellation_shared::dto::barcamp::{BarcampPhase, SessionStatus};
use uuid::Uuid;

/// The board and admins organise every edition; others when named organisers of it.
pub fn organises(actor: &Actor, named_organisers: &[Uuid]) -> bool {
    match actor {
        Actor::User(u) => u.is_board || u.is_admin || named_organisers.contains(&u.id),
        _ => false,
    }
}

/// Rooms and slots of sessions show once the programme is published, and to organisers.
pub fn sees_placements(phase: BarcampPhase, organiser: bool) -> bool {
    phase == BarcampPhase::Published || organiser
}

/// A proposed session is edited by the organisers, and by its hosts until scheduling.
pub fn can_edit(
    actor: &Actor,
    organiser: bool,
    status: SessionStatus,
    phase: BarcampPhase,
    hosts: &[Uuid],
) -> bool {
    let Some(me) = actor.id() else {
        return false;
    };
    if status != SessionStatus::Proposed {
        return false;
    }
    organiser
        || (matches!(phase, BarcampPhase::Proposals | BarcampPhase::Interest)
            && hosts.contains(&me))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CurrentUser;
    use constellation_shared::MembershipKind;

    fn user(id: Uuid, board: bool) -> Actor {
        Actor::User(CurrentUser {
            id,
            kind: MembershipKind::Effective,
            is_board: board,
            is_admin: false,
        })
    }

    #[test]
    fn hosts_edit_until_scheduling_organisers_while_proposed() {
        let host = Uuid::new_v4();
        let a = user(host, false);
        let proposed = SessionStatus::Proposed;
        assert!(can_edit(
            &a,
            false,
            proposed,
            BarcampPhase::Proposals,
            &[host]
        ));
        assert!(can_edit(
            &a,
            false,
            proposed,
            BarcampPhase::Interest,
            &[host]
        ));
        assert!(!can_edit(
            &a,
            false,
            proposed,
            BarcampPhase::Scheduling,
            &[host]
        ));
        assert!(can_edit(&a, true, proposed, BarcampPhase::Scheduling, &[]));
        assert!(!can_edit(
            &a,
            true,
            SessionStatus::Declined,
            BarcampPhase::Proposals,
            &[host]
        ));
        assert!(!can_edit(
            &Actor::Anonymous,
            true,
            proposed,
            BarcampPhase::Proposals,
            &[]
        ));
        assert!(!can_edit(
            &user(Uuid::new_v4(), false),
            false,
            proposed,
            BarcampPhase::Proposals,
            &[host]
        ));
    }

    #[test]
    fn the_board_organises_every_edition_others_when_named() {
        let me = Uuid::new_v4();
        assert!(organises(&user(me, true), &[]));
        assert!(organises(&user(me, false), &[me]));
        assert!(!organises(&user(me, false), &[Uuid::new_v4()]));
        assert!(!organises(&Actor::Anonymous, &[me]));
        assert!(sees_placements(BarcampPhase::Published, false));
        assert!(!sees_placements(BarcampPhase::Scheduling, false));
        assert!(sees_placements(BarcampPhase::Scheduling, true));
    }
}
