//! Demo data from the founding note: the association's board, members of each kind, the
//! common rules, and the note's first four Labs (control and transparency, education, the
//! place of AI, free and open social networks) — three active with members and projects,
//! one still proposed.

use crate::domain::{accounts, Actor, DomainResult, Env};
use crate::entities::user;
use constellation_shared::dto::accounts::RegisterInput;
use constellation_shared::dto::labs::MembershipPolicy;
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

/// Idempotent: what exists already is left as it is. Returns how many accounts were created.
pub async fn seed_demo(env: &Env) -> DomainResult<usize> {
    let created = seed_people(env).await?;
    seed_labs(env).await?;
    seed_resources(env).await?;
    seed_barcamp(env).await?;
    seed_assembly(env).await?;
    super::seed_transition::seed_transition(env).await?;
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

async fn actor(env: &Env, email: &str) -> DomainResult<Actor> {
    let u = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email))
        .one(&env.db)
        .await?
        .ok_or(crate::domain::DomainError::NotFound)?;
    Ok(Actor::User(accounts::current_user(&u)))
}

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

async fn seed_labs(env: &Env) -> DomainResult<()> {
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

async fn seed_resources(env: &Env) -> DomainResult<()> {
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

/// The yearly barcamp: two days, three rooms, sessions from the demo Labs, interests from
/// everyone, scheduled and published.
async fn seed_barcamp(env: &Env) -> DomainResult<()> {
    use constellation_shared::dto::barcamp::{
        BarcampPhase, EditionInput, RoomInput, SessionFormat, SessionInput, SlotInput,
    };
    if crate::domain::barcamp::find_by_year(env, 2027)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let board = actor(env, "secretariat@cassiopea.example").await?;
    let e = crate::domain::barcamp::create(
        env,
        &board,
        EditionInput {
            year: 2027,
            title: "Barcamp Cassiopea 2027".into(),
            starts_on: "2027-06-12".into(),
            ends_on: "2027-06-13".into(),
            venue: "Maison des associations, Bruxelles".into(),
            timezone: "Europe/Brussels".into(),
        },
    )
    .await?;
    for (name, capacity, equipment) in [
        ("Grande salle", 60, vec!["projector", "sound"]),
        ("Atelier", 25, vec!["projector", "whiteboard"]),
        ("Salon", 15, vec![]),
    ] {
        crate::domain::barcamp::add_room(
            env,
            &board,
            e.id,
            RoomInput {
                name: name.into(),
                capacity,
                equipment: equipment.into_iter().map(str::to_owned).collect(),
            },
        )
        .await?;
    }
    for (day, times) in [
        (
            "2027-06-12",
            &[
                "10:00", "10:45", "11:30", "12:15", "14:00", "14:45", "15:30", "16:15",
            ][..],
        ),
        ("2027-06-13", &["10:00", "10:45", "11:30", "12:15"][..]),
    ] {
        for pair in times.windows(2) {
            if pair[0] == "12:15" {
                continue; // lunch
            }
            crate::domain::barcamp::add_slot(
                env,
                &board,
                e.id,
                SlotInput {
                    day: day.into(),
                    start: pair[0].into(),
                    end: pair[1].into(),
                },
            )
            .await?;
        }
    }
    for p in PEOPLE {
        let who = actor(env, p.email).await?;
        crate::domain::barcamp::register(env, &who, e.id).await?;
    }
    // (host, title, format, slots, equipment, Lab)
    type Demo = (
        &'static str,
        &'static str,
        SessionFormat,
        i32,
        &'static [&'static str],
        Option<&'static str>,
    );
    let sessions: &[Demo] = &[
        (
            "julie@cassiopea.example",
            "Qui contrôle nos outils ?",
            SessionFormat::Talk,
            1,
            &["projector"],
            Some("controle-et-transparence"),
        ),
        (
            "julie@cassiopea.example",
            "Atelier : lire un contrat d'hébergement",
            SessionFormat::Workshop,
            2,
            &["whiteboard"],
            Some("controle-et-transparence"),
        ),
        (
            "karim@cassiopea.example",
            "Éduquer au numérique sans écrans",
            SessionFormat::Discussion,
            1,
            &[],
            Some("education"),
        ),
        (
            "karim@cassiopea.example",
            "Fabriquer un cours libre ensemble",
            SessionFormat::Workshop,
            2,
            &["projector"],
            Some("education"),
        ),
        (
            "lea@cassiopea.example",
            "La place de l'IA dans nos associations",
            SessionFormat::Talk,
            1,
            &["projector", "sound"],
            Some("place-de-l-ia"),
        ),
        (
            "lea@cassiopea.example",
            "IA : ce que nous refusons",
            SessionFormat::Discussion,
            1,
            &[],
            Some("place-de-l-ia"),
        ),
        (
            "nadia@sympathisant.example",
            "Réseaux sociaux libres : premiers pas",
            SessionFormat::Workshop,
            1,
            &["projector"],
            None,
        ),
        (
            "tom@cassiopea.example",
            "What the asbl can learn from barcamps",
            SessionFormat::Talk,
            1,
            &[],
            None,
        ),
    ];
    let mut ids = Vec::new();
    for (who, title, format, length, equipment, lab_slug) in sessions {
        let host = actor(env, who).await?;
        let lab_id = match lab_slug {
            Some(slug) => crate::entities::lab::Entity::find()
                .filter(crate::entities::lab::Column::Slug.eq(*slug))
                .one(&env.db)
                .await?
                .map(|l| l.id.to_string()),
            None => None,
        };
        let s = crate::domain::barcamp::sessions::propose(
            env,
            &host,
            e.id,
            SessionInput {
                title: (*title).into(),
                description: format!("{title} — proposé pour le barcamp annuel."),
                format: *format,
                length: *length,
                equipment: equipment.iter().map(|w| (*w).to_owned()).collect(),
                lab_id,
                co_host_emails: None,
            },
        )
        .await?;
        ids.push(s.id);
    }
    crate::domain::barcamp::set_phase(env, &board, e.id, BarcampPhase::Interest).await?;
    for (n, p) in PEOPLE.iter().enumerate() {
        let who = actor(env, p.email).await?;
        for (i, id) in ids.iter().enumerate() {
            if (i + n) % 3 != 0 {
                crate::domain::barcamp::sessions::set_interest(env, &who, *id, true).await?;
            }
        }
    }
    crate::domain::barcamp::set_phase(env, &board, e.id, BarcampPhase::Scheduling).await?;
    crate::domain::barcamp::schedule::run(env, &board, e.id).await?;
    crate::domain::barcamp::set_phase(env, &board, e.id, BarcampPhase::Published).await?;
    Ok(())
}

const AG_TITLE: &str = "Arrêt des services d'hébergement et mutation en incubateur de Labs";

/// The note's extraordinary assembly of 27 January, its agenda points and the board's motion
/// to stop the hosting services; convened when the date still allows it.
async fn seed_assembly(env: &Env) -> DomainResult<()> {
    use crate::entities::assembly;
    use constellation_shared::dto::assembly::{
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
