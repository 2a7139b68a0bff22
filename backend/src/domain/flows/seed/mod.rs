//! Demo data from the founding note: the association's board, members of each kind, the
//! common rules, and the note's first four Labs (control and transparency, education, the
//! place of AI, free and open social networks) — three active with members and projects,
//! one still proposed.

mod assembly;
mod barcamp;
mod labs;
mod resources;
mod transition;

use assembly::seed_assembly;
use barcamp::seed_barcamp;
use labs::seed_labs;
use resources::seed_resources;

use crate::domain::{accounts, Actor, DomainResult, Env};
use crate::entities::user;
use constellation_shared::dto::accounts::RegisterInput;
use constellation_shared::{Language, MembershipKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const DEMO_PASSWORD: &str = "cassiopea-demo-2016";

pub(super) struct Person {
    email: &'static str,
    name: &'static str,
    kind: MembershipKind,
    board: bool,
    admin: bool,
    lang: Language,
}

pub(super) const PEOPLE: &[Person] = &[
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

/// Idempotent: what exists already is left as it is. Returns how many accounts were created.
pub async fn seed_demo(env: &Env) -> DomainResult<usize> {
    let created = seed_people(env).await?;
    seed_labs(env).await?;
    seed_resources(env).await?;
    seed_barcamp(env).await?;
    seed_assembly(env).await?;
    transition::seed_transition(env).await?;
    Ok(created)
}

async fn seed_people(env: &Env) -> DomainResult<usize> {
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
            None,
        )
        .await?;
        // Roles are set as an admin would; the seed acts as the system (no actor).
        let system = Actor::User(crate::domain::CurrentUser {
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
            crate::domain::DomainError::LastAdmin => Ok(u.clone()),
            e => Err(e),
        })?;
        created += 1;
    }
    Ok(created)
}

pub(super) async fn actor(env: &Env, email: &str) -> DomainResult<Actor> {
    let u = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email))
        .one(&env.db)
        .await?
        .ok_or(crate::domain::DomainError::NotFound)?;
    Ok(Actor::User(accounts::current_user(&u)))
}
