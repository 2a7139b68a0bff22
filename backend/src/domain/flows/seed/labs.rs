//! Demo data: The common rules and the note's first four Labs, with members and projects.

use super::actor;
use crate::domain::{DomainResult, Env};
use constellation_shared::dto::labs::MembershipPolicy;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const RULES: &str = "# Règles communes de Cassiopea\n\n## Art. 1 — Autonomie\nLes Labs sont autonomes dans les limites de leur cadre et des présentes règles.\n\n## Art. 2 — Participation\nLe maître mot pour être membre d'un Lab est « participation ».\n\n## Art. 3 — Ressources communes\nLe CA attribue les ressources communes et rend compte de leur usage.\n\n## Art. 4 — Sécurité collective\nLe CA assure en dernier ressort la sécurité collective, technique et juridique.";

struct DemoLab {
    slug: &'static str,
    name: &'static str,
    themes: &'static [&'static str],
    description: &'static str,
    objectives: &'static str,
    founder: &'static str,
    members: &'static [&'static str],
    projects: &'static [&'static str],
    approve: bool,
    policy: MembershipPolicy,
}

const LABS: &[DemoLab] = &[
    DemoLab {
        slug: "controle-et-transparence",
        name: "Contrôle et transparence",
        themes: &["vie privée", "surveillance"],
        description: "Comprendre et rendre visibles les mécanismes de contrôle en ligne.",
        objectives: "Ateliers, veille et publications sur la surveillance et la transparence.",
        founder: "julie@cassiopea.example",
        members: &["lea@cassiopea.example", "nadia@sympathisant.example"],
        projects: &["Cartographie des traceurs"],
        approve: true,
        policy: MembershipPolicy::Open,
    },
    DemoLab {
        slug: "education",
        name: "Éducation",
        themes: &["pédagogie", "autonomie numérique"],
        description: "Rendre les membres autonomes dans leur usage d'Internet.",
        objectives: "Formations et ateliers d'appropriation des outils libres.",
        founder: "karim@cassiopea.example",
        members: &["tom@cassiopea.example"],
        projects: &["Atelier auto-hébergement"],
        approve: true,
        policy: MembershipPolicy::OnApproval,
    },
    DemoLab {
        slug: "place-de-l-ia",
        name: "La place de l'IA",
        themes: &["intelligence artificielle", "éthique"],
        description: "Débattre de la place de l'IA dans nos pratiques et nos vies.",
        objectives: "Cycle de débats et expérimentation d'outils locaux.",
        founder: "lea@cassiopea.example",
        members: &["pierre@sympathisant.example", "karim@cassiopea.example"],
        projects: &["Modèles locaux pour l'association", "Cycle de débats"],
        approve: true,
        policy: MembershipPolicy::Open,
    },
    DemoLab {
        slug: "reseaux-sociaux-libres",
        name: "Réseaux sociaux libres et ouverts",
        themes: &["fediverse", "réseaux sociaux"],
        description: "Expérimenter les réseaux sociaux libres et décentralisés.",
        objectives: "Une instance de test et un guide de migration.",
        founder: "julie@cassiopea.example",
        members: &[],
        projects: &[],
        approve: false,
        policy: MembershipPolicy::Open,
    },
];

pub(super) async fn seed_labs(env: &Env) -> DomainResult<()> {
    use constellation_shared::dto::labs::{
        FramingInput, LabVisibility, ProjectInput, ProjectStatus, ProposeLabInput, ReviewDecision,
    };
    let president = actor(env, "presidence@cassiopea.example").await?;
    if crate::domain::labs::common_rules::current(&env.db)
        .await?
        .is_none()
    {
        crate::domain::labs::common_rules::publish(
            env,
            &president,
            RULES,
            "AG extraordinaire du 27 janvier 2016",
        )
        .await?;
    }
    let reviewer = actor(env, "tresorerie@cassiopea.example").await?;
    for d in LABS {
        if crate::entities::lab::Entity::find()
            .filter(crate::entities::lab::Column::Slug.eq(d.slug))
            .one(&env.db)
            .await?
            .is_some()
        {
            continue;
        }
        let founder = actor(env, d.founder).await?;
        let framing = FramingInput {
            themes: d.themes.iter().map(|t| (*t).to_owned()).collect(),
            description: d.description.into(),
            objectives: d.objectives.into(),
            scope_in: "Activités militantes, techniques, politiques ou pédagogiques.".into(),
            scope_out: "Services commerciaux, obligation de résultat.".into(),
            expected_outputs: "Comptes rendus partagés à l'AG et au barcamp.".into(),
            start_date: "2027-01-01".into(),
            end_date: "2027-12-31".into(),
            membership_policy: d.policy,
            participation: "Une rencontre par mois.".into(),
            visibility: LabVisibility::Public,
        };
        let lab = crate::domain::labs::propose(
            env,
            &founder,
            ProposeLabInput {
                name: d.name.into(),
                slug: d.slug.into(),
                framing,
            },
        )
        .await?;
        if !d.approve {
            continue;
        }
        crate::domain::labs::review(env, &reviewer, lab.id, ReviewDecision::Approve, None).await?;
        for m in d.members {
            let who = actor(env, m).await?;
            crate::domain::labs::members::join(env, &who, lab.id).await?;
            if d.policy == MembershipPolicy::OnApproval {
                if let Some(id) = who.id() {
                    crate::domain::labs::members::decide_request(env, &founder, lab.id, id, true)
                        .await?;
                }
            }
        }
        for (i, title) in d.projects.iter().enumerate() {
            let p = crate::domain::labs::projects::propose(
                env,
                &founder,
                lab.id,
                ProjectInput {
                    title: (*title).into(),
                    description: format!("{title} — projet du Lab {}.", d.name),
                    goals: "Partager ce que nous apprenons.".into(),
                    resources_needed: "Un peu de capacité serveur et une salle.".into(),
                },
            )
            .await?;
            crate::domain::labs::projects::support(env, &founder, p.id).await?;
            if i == 0 {
                crate::domain::labs::projects::set_status(
                    env,
                    &founder,
                    p.id,
                    ProjectStatus::Accepted,
                )
                .await?;
            }
        }
    }
    Ok(())
}
