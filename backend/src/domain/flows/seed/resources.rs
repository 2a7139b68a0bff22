//! Demo data: The common resources: pools, periods, requests and their decisions.

use super::actor;
use crate::domain::{DomainResult, Env};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub(super) async fn seed_resources(env: &Env) -> DomainResult<()> {
    use crate::entities::{lab, pool_period, resource_pool};
    use constellation_shared::dto::resources::{
        PeriodInput, PoolInput, PoolKind, RequestInput, ResourceDecision,
    };
    let treasurer = actor(env, "tresorerie@cassiopea.example").await?;
    let pools = [
        (
            "Budget annuel",
            PoolKind::Money,
            "EUR",
            2,
            "5000",
            "Le budget de l'association pour les Labs.",
        ),
        (
            "Capacité serveur",
            PoolKind::Server,
            "vCPU",
            0,
            "32",
            "Les machines virtuelles de l'infrastructure commune.",
        ),
        (
            "Heures de salle",
            PoolKind::Room,
            "h",
            1,
            "200",
            "La salle de réunion et d'atelier.",
        ),
        (
            "Heures de comptabilité",
            PoolKind::ServiceHours,
            "h",
            1,
            "40",
            "Les services communs : comptabilité et administration.",
        ),
    ];
    for (name, kind, unit, scale, capacity, description) in pools {
        if resource_pool::Entity::find()
            .filter(resource_pool::Column::Name.eq(name))
            .one(&env.db)
            .await?
            .is_some()
        {
            return Ok(());
        }
        crate::domain::resources::create_pool(
            env,
            &treasurer,
            PoolInput {
                name: name.into(),
                kind,
                unit: unit.into(),
                scale,
                description: description.into(),
                period: PeriodInput {
                    label: "2027".into(),
                    starts_on: "2027-01-01".into(),
                    ends_on: "2027-12-31".into(),
                    capacity: capacity.into(),
                },
            },
        )
        .await?;
    }
    let period_of = |name: &'static str| async move {
        let pool = resource_pool::Entity::find()
            .filter(resource_pool::Column::Name.eq(name))
            .one(&env.db)
            .await?
            .ok_or(crate::domain::DomainError::NotFound)?;
        let p = pool_period::Entity::find()
            .filter(pool_period::Column::PoolId.eq(pool.id))
            .one(&env.db)
            .await?
            .ok_or(crate::domain::DomainError::NotFound)?;
        Ok::<_, crate::domain::DomainError>(p.id.to_string())
    };
    let lab_id = |slug: &'static str| async move {
        let l = lab::Entity::find()
            .filter(lab::Column::Slug.eq(slug))
            .one(&env.db)
            .await?
            .ok_or(crate::domain::DomainError::NotFound)?;
        Ok::<_, crate::domain::DomainError>(l.id.to_string())
    };
    let requests = [
        (
            "place-de-l-ia",
            "lea@cassiopea.example",
            "Capacité serveur",
            "8",
            "Faire tourner des modèles locaux pour les ateliers.",
            Some((
                ResourceDecision::ApprovePartial,
                Some("6"),
                "Six vCPU suffisent pour commencer ; à revoir en juin.",
            )),
        ),
        (
            "education",
            "karim@cassiopea.example",
            "Heures de salle",
            "24",
            "Douze ateliers de deux heures.",
            Some((ResourceDecision::Approve, None, "Conforme au cadre du Lab.")),
        ),
        (
            "controle-et-transparence",
            "julie@cassiopea.example",
            "Budget annuel",
            "350",
            "Impression de la cartographie des traceurs.",
            None,
        ),
        (
            "place-de-l-ia",
            "lea@cassiopea.example",
            "Heures de comptabilité",
            "6",
            "Suivi des dons du cycle de débats.",
            Some((
                ResourceDecision::Reject,
                None,
                "Pas de dons prévus cette année : à redemander au besoin.",
            )),
        ),
    ];
    for (slug, coordinator, pool, amount, why, decision) in requests {
        let who = actor(env, coordinator).await?;
        let r = crate::domain::resources::requests::file(
            env,
            &who,
            RequestInput {
                lab_id: lab_id(slug).await?,
                project_id: None,
                period_id: period_of(pool).await?,
                amount: amount.into(),
                justification: why.into(),
            },
        )
        .await?;
        if let Some((d, partial, reason)) = decision {
            crate::domain::resources::requests::decide(env, &treasurer, r.id, d, partial, reason)
                .await?;
        }
    }
    Ok(())
}
