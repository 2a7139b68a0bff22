//! Demo data: The general assembly that decided the transition, with its agenda and motions.

use super::actor;
use crate::domain::{DomainResult, Env};
use constellation_shared::Language;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const AG_TITLE: &str = "Arrêt des services d'hébergement et mutation en incubateur de Labs";

/// The note's extraordinary assembly of 27 January, its agenda points and the board's motion
/// to stop the hosting services; convened when the date still allows it.
pub(super) async fn seed_assembly(env: &Env) -> DomainResult<()> {
    use crate::entities::assembly;
    use constellation_shared::dto::assemblies::{
        AgendaItemInput, AssemblyInput, AssemblyKind, BallotKind, MajorityRuleCode, MotionInput,
    };
    if assembly::Entity::find()
        .filter(assembly::Column::Title.eq(AG_TITLE))
        .one(&env.db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let board = actor(env, "presidence@cassiopea.example").await?;
    let a = crate::domain::assemblies::create(
        env,
        &board,
        AssemblyInput {
            kind: AssemblyKind::Extraordinary,
            title: AG_TITLE.into(),
            starts_at: "2027-01-27T18:00:00Z".into(),
            place: "Bruxelles, local de l'association".into(),
            language: Language::Fr,
            first_convocation_id: None,
        },
    )
    .await?;
    let items: &[(&str, &str, bool, &str)] = &[
        ("2", "Introduction", false, "Cassiopea cesse de vendre des services et devient un incubateur de Labs."),
        ("2.1", "Proposition du CA de l'arrêt des services", true, "Fin des services d'hébergement (sites web, boîtes et alias e-mail) au 1er janvier 2018, laissant onze mois pour la transition."),
        ("3", "Transition", false, "Accompagner les membres vers d'autres hébergeurs."),
        ("3.a", "Appel aux forces vives", false, "Des membres reprennent tout ou partie des services."),
        ("3.b", "Groupe de travail participatif", false, "Identifier des hébergeurs correspondant à nos valeurs et accompagner les migrations."),
        ("4", "« Chatons » : une structure d'économie sociale", false, "Étudier, avec Neutrinet, Domaine Public, CASC…, une structure professionnelle d'hébergement."),
        ("5.a", "Mutation : Cassiopea comme incubateur de Labs", false, "Des Labs autonomes, un cadre à leur création, des règles communes, un barcamp annuel."),
    ];
    for (number, title, statutory, body) in items {
        crate::domain::assemblies::add_item(
            env,
            &board,
            a.id,
            AgendaItemInput {
                number: (*number).into(),
                title: (*title).into(),
                body: (*body).into(),
                documents: vec![],
                statutory: *statutory,
            },
        )
        .await?;
    }
    let point = crate::domain::assemblies::items(&env.db, a.id)
        .await?
        .into_iter()
        .find(|i| i.number == "2.1")
        .ok_or(crate::domain::DomainError::internal(
            "missing agenda item 2.1",
        ))?;
    crate::domain::assemblies::add_motion(
        env,
        &board,
        point.id,
        MotionInput {
            text: "L'assemblée approuve la proposition du conseil d'administration : Cassiopea arrête de fournir des services d'hébergement à ses membres au 1er janvier 2018, après une transition de onze mois.".into(),
            rule: MajorityRuleCode::Purpose,
            ballot: BallotKind::Secret,
        },
    )
    .await?;
    match crate::domain::assemblies::convene(env, &board, a.id).await {
        Ok(_) | Err(crate::domain::DomainError::ConvocationTooLate) => Ok(()),
        Err(e) => Err(e),
    }
}
