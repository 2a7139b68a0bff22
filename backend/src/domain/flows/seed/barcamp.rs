//! Demo data: The annual barcamp: an edition with rooms, slots, attendees and sessions.

use super::{actor, PEOPLE};
use crate::domain::{DomainResult, Env};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The yearly barcamp: two days, three rooms, sessions from the demo Labs, interests from
/// everyone, scheduled and published.
pub(super) async fn seed_barcamp(env: &Env) -> DomainResult<()> {
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
