//! Motions: kind, seats, mode and the encrypted ballot stay consistent.

use super::*;

#[tokio::test]
async fn motions_keep_their_kind_seats_mode_and_encrypted_ballot_consistent() {
    let app = spawn_app().await;
    let (chair, _) = cast_of(&app, 0).await;
    let (_, motions) = app.draft_assembly(&chair).await;
    let (open, secret) = (id(&motions[0]), id(&motions[1]));
    let (ea, eitem) = assembly_with_item(&app, &chair).await;
    let election = add_election(&app, &chair, &ea, &eitem, "SECRET", 3, "PER_CANDIDATE").await;
    let sealed = add_election(&app, &chair, &ea, &eitem, "ENCRYPTED", 2, "APPROVAL").await;
    let (election, sealed) = (id(&election), id(&sealed));
    let (_, enc) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let enc = id(&enc);
    let before: Vec<motion::Model> = all_motions(&app).await;

    let set = |col: &str| format!("UPDATE motions SET {col} = $2 WHERE id = $1");
    let text = |v: Option<&str>| Value::from(v.map(str::to_owned));
    const KIND: &str = "ck_motions_kind";
    const ELECTION: &str = "ck_motions_election_seats";
    const PLAIN: &str = "ck_motions_motion_no_seats";
    const SECRET: &str = "ck_motions_encrypted_secret";
    const APPROVAL: &str = "ck_motions_encrypted_approval";
    let updates: Vec<(&str, &str, Uuid, Value)> = vec![
        // The kind: MOTION or ELECTION only.
        (KIND, "kind", open, text(Some("REFERENDUM"))),
        // A plain motion has neither seats nor a mode.
        (PLAIN, "seats", open, Some(2).into()),
        (PLAIN, "mode", secret, text(Some("APPROVAL"))),
        // An election has 1 to 50 seats and a known mode.
        (ELECTION, "seats", election, Some(0).into()),
        (ELECTION, "seats", election, Some(51).into()),
        (ELECTION, "seats", election, None::<i32>.into()),
        (ELECTION, "mode", election, text(Some("RANKED"))),
        (ELECTION, "mode", election, text(None)),
        (ELECTION, "kind", open, text(Some("ELECTION"))),
        // An encrypted motion is a secret one; an encrypted election is by approval.
        (SECRET, "ballot", enc, text(Some("OPEN"))),
        (SECRET, "encrypted", open, true.into()),
        (APPROVAL, "mode", sealed, text(Some("PER_CANDIDATE"))),
    ];
    for (rule, col, m, v) in updates {
        refused(&app, rule, &set(col), vec![m.into(), v]).await;
    }
    // The same rules on a new row.
    for (rule, ballot, encrypted, kind, seats, mode) in [
        (KIND, "OPEN", false, "POLL", None, None),
        (ELECTION, "OPEN", false, "ELECTION", None, Some("APPROVAL")),
        (ELECTION, "OPEN", false, "ELECTION", Some(2), None),
        (PLAIN, "OPEN", false, "MOTION", Some(1), None),
        (SECRET, "OPEN", true, "MOTION", None, None),
        (
            APPROVAL,
            "SECRET",
            true,
            "ELECTION",
            Some(1),
            Some("PER_CANDIDATE"),
        ),
    ] {
        let values = copy(open, ballot, encrypted, kind, seats, mode);
        refused(&app, rule, COPY_MOTION, values).await;
    }
    let after: Vec<motion::Model> = all_motions(&app).await;
    assert_eq!(after, before, "a refused write changed a motion");

    // What the rules allow still goes through: the bounds, each mode, each kind of row.
    allowed(&app, &set("seats"), vec![election.into(), Some(50).into()]).await;
    allowed(&app, &set("seats"), vec![election.into(), Some(1).into()]).await;
    allowed(&app, &set("mode"), vec![election.into(), "APPROVAL".into()]).await;
    allowed(
        &app,
        &set("text"),
        vec![enc.into(), "Adopt the amended budget".into()],
    )
    .await;
    allowed(
        &app,
        COPY_MOTION,
        copy(open, "OPEN", false, "MOTION", None, None),
    )
    .await;
    allowed(
        &app,
        COPY_MOTION,
        copy(open, "SECRET", true, "MOTION", None, None),
    )
    .await;
    allowed(
        &app,
        COPY_MOTION,
        copy(
            open,
            "OPEN",
            false,
            "ELECTION",
            Some(50),
            Some("PER_CANDIDATE"),
        ),
    )
    .await;
    allowed(
        &app,
        COPY_MOTION,
        copy(open, "SECRET", true, "ELECTION", Some(1), Some("APPROVAL")),
    )
    .await;
    let e = motion_row(&app, election).await;
    assert_eq!(
        (e.seats, e.mode.map(|m| m.as_str())),
        (Some(1), Some("APPROVAL"))
    );
    assert_eq!(motion_row(&app, enc).await.text, "Adopt the amended budget");
    assert_eq!(
        motion::Entity::find()
            .all(&app.db)
            .await
            .expect("all")
            .len(),
        before.len() + 4
    );
}
