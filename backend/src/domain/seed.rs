//! Demo data from the founding note: the association's board and members of each kind.
//! Labs (the note's first four: control and transparency, education, the place of AI, free
//! and open social networks) arrive with the Labs feature.

use super::{accounts, Actor, DomainResult, Env};
use crate::entities::user;
use constellation_shared::dto::accounts::RegisterInput;
use constellation_shared::{Language, MembershipKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const DEMO_PASSWORD: &str = "cassiopea-demo-2016";

struct Person {
    email: &'static str,
    name: &'static str,
    kind: MembershipKind,
    board: bool,
    admin: bool,
    lang: Language,
}

const PEOPLE: &[Person] = &[
    Person {
        email: "presidence@cassiopea.example",
        name: "Anne Dubois",
        kind: MembershipKind::Effective,
        board: true,
        admin: true,
        lang: Language::Fr,
    },
    Person {
        email: "tresorerie@cassiopea.example",
        name: "Marc Lambert",
        kind: MembershipKind::Effective,
        board: true,
        admin: false,
        lang: Language::Fr,
    },
    Person {
        email: "secretariat@cassiopea.example",
        name: "Sofia Peeters",
        kind: MembershipKind::Effective,
        board: true,
        admin: false,
        lang: Language::En,
    },
    Person {
        email: "julie@cassiopea.example",
        name: "Julie Martin",
        kind: MembershipKind::Effective,
        board: false,
        admin: false,
        lang: Language::Fr,
    },
    Person {
        email: "karim@cassiopea.example",
        name: "Karim Haddad",
        kind: MembershipKind::Effective,
        board: false,
        admin: false,
        lang: Language::Fr,
    },
    Person {
        email: "lea@cassiopea.example",
        name: "Léa Janssens",
        kind: MembershipKind::Adherent,
        board: false,
        admin: false,
        lang: Language::Fr,
    },
    Person {
        email: "tom@cassiopea.example",
        name: "Tom Willems",
        kind: MembershipKind::Adherent,
        board: false,
        admin: false,
        lang: Language::En,
    },
    Person {
        email: "nadia@sympathisant.example",
        name: "Nadia Benali",
        kind: MembershipKind::Sympathizer,
        board: false,
        admin: false,
        lang: Language::Fr,
    },
    Person {
        email: "pierre@sympathisant.example",
        name: "Pierre Lefèvre",
        kind: MembershipKind::Sympathizer,
        board: false,
        admin: false,
        lang: Language::Fr,
    },
];

/// Idempotent: people already present are left as they are. Returns how many were created.
pub async fn seed_demo(env: &Env) -> DomainResult<usize> {
    let mut created = 0;
    for p in PEOPLE {
        let exists = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(p.email))
            .one(&env.db)
            .await?;
        if exists.is_some() {
            continue;
        }
        let u = accounts::register(
            env,
            RegisterInput {
                email: p.email.into(),
                password: DEMO_PASSWORD.into(),
                display_name: p.name.into(),
                language: Some(p.lang),
            },
        )
        .await?;
        // Roles are set as an admin would; the seed acts as the system (no actor).
        let system = Actor::User(super::CurrentUser {
            id: u.id,
            kind: MembershipKind::Effective,
            is_board: true,
            is_admin: true,
        });
        accounts::set_roles(
            env,
            &system,
            u.id,
            Some(p.kind),
            Some(p.board),
            Some(p.admin),
        )
        .await
        .or_else(|e| match e {
            // Demoting the only admin (when the seed runs on an empty database and the
            // first person is not an admin) is refused; keep the admin flag then.
            super::DomainError::LastAdmin => Ok(u.clone()),
            e => Err(e),
        })?;
        created += 1;
    }
    Ok(created)
}
