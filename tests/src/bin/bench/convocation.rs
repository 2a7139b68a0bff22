//! "Convening an assembly of 2,000 members": the time to write the convocation's
//! notifications and outbox rows in the convening transaction, beside the same step for an
//! assembly with nobody to convene (the status change alone) in the same run; then the
//! delivery rate of those mails to a real local SMTP server (aiosmtpd).

use anyhow::Result;
use constellation_backend::domain::{self, Actor, CurrentUser};
use constellation_backend::entities::user;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use std::time::{Duration, Instant};

use constellation_shared::MembershipKind;

const MEMBERS: usize = 2_000;

fn person(i: usize, board: bool, kind: MembershipKind) -> user::ActiveModel {
    let id = uuid::Uuid::new_v4();
    let email = format!("member{i}.{}@example.org", id.simple());
    let now = chrono::Utc::now();
    user::ActiveModel {
        id: Set(id),
        email: Set(email.clone()),
        email_normalized: Set(email),
        display_name: Set(format!("Member {i}")),
        password_hash: Set("!".into()),
        membership_kind: Set(kind),
        is_board: Set(board),
        is_admin: Set(false),
        language: Set(if i.is_multiple_of(3) {
            constellation_shared::Language::En
        } else {
            constellation_shared::Language::Fr
        }),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        token_version: Set(0),
        email_verified_at: Set(None),
    }
}

async fn assembly(
    env: &domain::Env,
    actor: &Actor,
) -> Result<constellation_shared::ids::AssemblyId> {
    use constellation_shared::dto::assemblies::{AgendaItemInput, AssemblyInput, AssemblyKind};
    let a = domain::assemblies::create(
        env,
        actor,
        AssemblyInput {
            kind: AssemblyKind::Ordinary,
            title: "AG".into(),
            starts_at: (chrono::Utc::now() + chrono::Duration::days(30)).to_rfc3339(),
            place: "Brussels".into(),
            language: constellation_shared::Language::Fr,
            first_convocation_id: None,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    for (n, statutory) in [("1", true), ("2", false), ("3", false)] {
        domain::assemblies::add_item(
            env,
            actor,
            a.id,
            AgendaItemInput {
                number: n.into(),
                title: format!("Point {n}"),
                body: String::new(),
                documents: vec![],
                statutory,
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    Ok(a.id)
}

pub async fn rows() -> Result<()> {
    let smtp = constellation_tests::smtp::SmtpServer::start().await;
    let dir = tempfile::tempdir()?;
    let config = constellation_backend::Config {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.path().to_path_buf(),
        jwt_secret: Some(secrecy::SecretString::from(
            "bench-secret-bench-secret-bench-secret-0123",
        )),
        smtp_url: Some(secrecy::SecretString::from(smtp.url())),
        ..constellation_backend::Config::default()
    };
    let app = constellation_backend::Application::build(config).await?;
    let state = app.state.clone();
    tokio::spawn(app.serve(std::future::pending()));
    let env = &state.env;
    let chair = person(0, true, MembershipKind::Effective)
        .insert(&env.db)
        .await?;
    let actor = Actor::User(CurrentUser {
        id: chair.id,
        kind: constellation_shared::MembershipKind::Effective,
        is_board: true,
        is_admin: false,
    });

    // Baseline: nobody else to convene (the chair alone).
    let empty = assembly(env, &actor).await?;
    let t = Instant::now();
    domain::assemblies::convene(env, &actor, empty)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let alone = t.elapsed();
    // Wait for that one mail, so the next measure starts from an empty queue.
    smtp.wait_for(1, Duration::from_secs(30)).await;

    let rows: Vec<user::ActiveModel> = (1..=MEMBERS)
        .map(|i| {
            person(
                i,
                false,
                if i.is_multiple_of(4) {
                    MembershipKind::Adherent
                } else {
                    MembershipKind::Effective
                },
            )
        })
        .collect();
    for chunk in rows.chunks(500) {
        user::Entity::insert_many(chunk.to_vec())
            .exec(&env.db)
            .await?;
    }
    let full = assembly(env, &actor).await?;
    let t = Instant::now();
    domain::assemblies::convene(env, &actor, full)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let convened = t.elapsed();
    let sent_from = Instant::now();
    let got = smtp
        .wait_for(MEMBERS + 2, Duration::from_secs(600))
        .await
        .len();
    let delivery = sent_from.elapsed();
    println!("\nConvening an assembly (SQLite, in-process, the mails to a local aiosmtpd)");
    println!(
        "{:<40} {:>12} {:>14} {:>12}",
        "convocation", "commit ms", "mails", "mails/s"
    );
    println!(
        "{:<40} {:>12.1} {:>14} {:>12}",
        "1 member (the status change alone)",
        alone.as_secs_f64() * 1000.0,
        1,
        "-"
    );
    println!(
        "{:<40} {:>12.1} {:>14} {:>12.0}",
        format!("{} members", MEMBERS + 1),
        convened.as_secs_f64() * 1000.0,
        got.saturating_sub(1),
        (got.saturating_sub(1)) as f64 / delivery.as_secs_f64()
    );
    anyhow::ensure!(got > MEMBERS, "only {got} of the convocation mails arrived");
    Ok(())
}
