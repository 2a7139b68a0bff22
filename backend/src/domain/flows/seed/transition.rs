//! The demo's transition (the note, points 2.1 to 4): the end of service on 1 January 2028,
//! eleven months after the demo assembly of 27 January 2027, linked to the board's motion;
//! a dozen services of every kind for the demo members and two internal ones; some planned,
//! one collective, one migrated with its hand-over confirmed, one taken over after an
//! offer; the working group with two recommended hosts, a guide and an answered request;
//! poll answers. Runs once: nothing is done when the plan exists.

use crate::domain::transition::{
    group, handover, inventory, offers, plan, poll, progress, support,
};
use crate::domain::{accounts, Actor, DomainError, DomainResult, Env};
use crate::entities::{motion, transition_handover_item as item, user};
use constellation_shared::dto::transition::{
    GuideInput, HostInput, MigrationPath, OfferInput, OfferKind, PathInput, PlanInput, PollInput,
    ServiceInput, ServiceKind, SupportInput,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

async fn who(env: &Env, email: &str) -> DomainResult<(Actor, Uuid)> {
    let u = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email))
        .one(&env.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((Actor::User(accounts::current_user(&u)), u.id))
}

const JULIE: &str = "julie@cassiopea.example";
const KARIM: &str = "karim@cassiopea.example";
const LEA: &str = "lea@cassiopea.example";
const TOM: &str = "tom@cassiopea.example";

/// (kind, name, address, holders; empty: internal)
const SERVICES: &[(ServiceKind, &str, &str, &[&str])] = &[
    (
        ServiceKind::Website,
        "julie-martin.be",
        "https://julie-martin.be",
        &[JULIE],
    ),
    (
        ServiceKind::Website,
        "Site de l'atelier",
        "https://atelier.example",
        &[KARIM],
    ),
    (
        ServiceKind::Website,
        "Comité de quartier",
        "https://quartier.example",
        &[JULIE, KARIM],
    ),
    (
        ServiceKind::Mailbox,
        "julie@julie-martin.be",
        "julie@julie-martin.be",
        &[JULIE],
    ),
    (
        ServiceKind::Mailbox,
        "karim@haddad.example",
        "karim@haddad.example",
        &[KARIM],
    ),
    (
        ServiceKind::Mailbox,
        "lea@janssens.example",
        "lea@janssens.example",
        &[LEA],
    ),
    (
        ServiceKind::MailAlias,
        "contact@quartier.example",
        "contact@quartier.example",
        &[JULIE],
    ),
    (
        ServiceKind::MailingList,
        "quartier@listes",
        "quartier@listes.cassiopea.example",
        &[JULIE, KARIM],
    ),
    (
        ServiceKind::MailingList,
        "ateliers@listes",
        "ateliers@listes.cassiopea.example",
        &[TOM],
    ),
    (
        ServiceKind::Domain,
        "julie-martin.be",
        "julie-martin.be",
        &[JULIE],
    ),
    (
        ServiceKind::Domain,
        "haddad.example",
        "haddad.example",
        &[KARIM],
    ),
    (
        ServiceKind::Domain,
        "janssens.example",
        "janssens.example",
        &[LEA],
    ),
    (
        ServiceKind::MailingList,
        "membres@cassiopea.org",
        "membres@cassiopea.org",
        &[],
    ),
    (
        ServiceKind::Other,
        "Comptabilité web",
        "compta.cassiopea.org",
        &[],
    ),
];

fn path(p: MigrationPath, target: &str, group: Option<Uuid>) -> PathInput {
    PathInput {
        path: p,
        target_host: target.into(),
        group_id: group.map(|g| g.to_string()),
    }
}

pub(super) async fn seed_transition(env: &Env) -> DomainResult<()> {
    if crate::domain::transition::current_plan(&env.db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let (board, _) = who(env, "presidence@cassiopea.example").await?;
    let motion = motion::Entity::find()
        .filter(motion::Column::Text.starts_with("L'assemblée approuve la proposition"))
        .one(&env.db)
        .await?;
    let p = plan::create(
        env,
        &board,
        PlanInput {
            title: "Arrêt des services d'hébergement".into(),
            decision_motion_id: motion.map(|m| m.id.to_string()),
            decision_note: "Proposition du CA à l'AG extraordinaire du 27 janvier 2027 (pt. 2.1) : fin des services au 1er janvier 2028, onze mois de transition.".into(),
            ends_on: "2028-01-01".into(),
            at_risk_days: 60,
        },
    )
    .await?;
    for (label, due) in [
        ("Inventaire complet des services", "2027-03-01"),
        ("Chaque service a son chemin", "2027-06-01"),
        ("Migrations terminées", "2027-11-30"),
    ] {
        plan::add_milestone(env, &board, label, due).await?;
    }
    let mut ids = Vec::new();
    for (kind, name, address, holders) in SERVICES {
        let mut holder_ids = Vec::new();
        for h in *holders {
            holder_ids.push(who(env, h).await?.1.to_string());
        }
        let s = inventory::create(
            env,
            &board,
            ServiceInput {
                kind: *kind,
                name: (*name).into(),
                description: String::new(),
                address: (*address).into(),
                internal: holders.is_empty(),
                holder_ids,
            },
        )
        .await?;
        ids.push(s.id);
    }
    let (julie, _) = who(env, JULIE).await?;
    let (karim, _) = who(env, KARIM).await?;
    let (lea, _) = who(env, LEA).await?;
    let (tom, _) = who(env, TOM).await?;

    // The working group: Léa joins; two hosts, a guide.
    crate::domain::labs::members::join(env, &lea, p.working_group_lab_id).await?;
    for (name, url, kinds, note) in [
        (
            "Domaine Public",
            "https://www.domainepublic.net",
            vec![
                ServiceKind::Website,
                ServiceKind::Mailbox,
                ServiceKind::MailingList,
            ],
            "Association bruxelloise d'hébergement, proche de nos valeurs.",
        ),
        (
            "CHATONS",
            "https://chatons.org",
            vec![
                ServiceKind::Website,
                ServiceKind::Mailbox,
                ServiceKind::MailingList,
                ServiceKind::Other,
            ],
            "Le collectif des hébergeurs alternatifs : trouver un chaton près de chez soi.",
        ),
    ] {
        group::save_host(
            env,
            &lea,
            None,
            HostInput {
                name: name.into(),
                url: url.into(),
                kinds,
                note: note.into(),
            },
        )
        .await?;
    }
    group::save_guide(
        env,
        &lea,
        None,
        GuideInput {
            title: "Récupérer sa boîte mail".into(),
            body: "# Récupérer sa boîte mail\n\n1. Installer Thunderbird.\n2. Ajouter le compte en IMAP.\n3. Copier les dossiers vers « Dossiers locaux ».\n".into(),
        },
    )
    .await?;

    // Paths: Julie's site on her own, the neighbourhood's site and list together, Léa's
    // mailbox to the social-economy structure.
    progress::choose_path(
        env,
        &julie,
        ids[0],
        path(MigrationPath::Individual, "Domaine Public", None),
    )
    .await?;
    let quartier = group::create_group(env, &board, "Quartier", "chatons-local.example").await?;
    progress::choose_path(
        env,
        &julie,
        ids[2],
        path(MigrationPath::Collective, "", Some(quartier.id)),
    )
    .await?;
    progress::choose_path(
        env,
        &karim,
        ids[7],
        path(MigrationPath::Collective, "", Some(quartier.id)),
    )
    .await?;
    progress::choose_path(
        env,
        &lea,
        ids[5],
        path(MigrationPath::SocialEconomy, "", None),
    )
    .await?;
    progress::set_status(
        env,
        &julie,
        ids[0],
        constellation_shared::dto::transition::ServiceStatus::InProgress,
        None,
    )
    .await?;

    // Julie's mailbox is migrated: exported, handed over, confirmed.
    progress::choose_path(
        env,
        &julie,
        ids[3],
        path(MigrationPath::Individual, "Domaine Public", None),
    )
    .await?;
    for i in item::Entity::find()
        .filter(item::Column::ServiceId.eq(ids[3]))
        .all(&env.db)
        .await?
    {
        handover::mark_handed(env, &board, i.id).await?;
        handover::confirm(env, &julie, i.id).await?;
    }

    // Tom offers to take over Karim's domain; the board accepts.
    let o = offers::make(
        env,
        &tom,
        OfferInput {
            kind: OfferKind::TakeOverFull,
            service_id: Some(ids[10].to_string()),
            lab_id: None,
            note: "Je gère déjà mes domaines chez un registraire associatif, je peux reprendre celui-ci.".into(),
        },
    )
    .await?;
    offers::decide(env, &board, o.id, true, "Merci Tom, Karim est d'accord.").await?;

    // Karim asks about his domain; Léa answers.
    let r = support::ask(
        env,
        &karim,
        SupportInput {
            service_id: Some(ids[10].to_string()),
            subject: "Code de transfert".into(),
            body: "Où trouver le code de transfert de mon domaine ?".into(),
        },
    )
    .await?;
    support::answer(env, &lea, r.id, "Le CA te le remet avec le fichier de zone : regarde la liste « Récupérer mes données » de ton service.").await?;

    for (a, c, s, comment) in [
        (
            &julie,
            true,
            true,
            "Partante pour aider à monter la structure.",
        ),
        (&karim, true, false, ""),
        (&lea, false, true, "Je peux aider côté technique."),
        (&tom, false, false, "Je m'héberge moi-même."),
    ] {
        poll::answer(
            env,
            a,
            PollInput {
                as_client: c,
                as_stakeholder: s,
                comment: comment.into(),
            },
        )
        .await?;
    }
    Ok(())
}
