//! Encrypted tallies and records, and anonymous polls.

use super::*;

#[tokio::test]
async fn an_encrypted_tally_waits_for_the_parameters_and_the_record_for_the_tally() {
    const TALLY: &str = "ck_elections_tally_after_params";
    const RECORD: &str = "ck_elections_record_after_tally";
    let app = spawn_app().await;
    let (chair, _) = cast_of(&app, 0).await;
    let (_, enc) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let enc = id(&enc);
    let (_, _, _, secret) = plain_motions(&app, &chair).await;
    let fresh = election_row(&app, enc).await;
    assert_eq!(
        (&fresh.params, &fresh.encrypted_tally, &fresh.record),
        (&None, &None, &None)
    );
    let set = |col: &str| format!("UPDATE motion_elections SET {col} = $2 WHERE motion_id = $1");
    let some = |s: &str| Value::from(Some(s.to_owned()));
    let none = || Value::from(None::<String>);

    refused(
        &app,
        TALLY,
        &set("encrypted_tally"),
        vec![enc.into(), some("{\"t\":1}")],
    )
    .await;
    refused(
        &app,
        RECORD,
        &set("record"),
        vec![enc.into(), some("{\"r\":1}")],
    )
    .await;
    let insert = "INSERT INTO motion_elections (motion_id, params, encrypted_tally, record) \
                  VALUES ($1, $2, $3, $4)";
    refused(
        &app,
        TALLY,
        insert,
        vec![secret.into(), none(), some("{}"), none()],
    )
    .await;
    refused(
        &app,
        RECORD,
        insert,
        vec![secret.into(), some("{}"), none(), some("{}")],
    )
    .await;
    assert_eq!(election_row(&app, enc).await, fresh);
    assert_eq!(rows(&app, "motion_elections", "motion_id", secret).await, 0);

    // In order, each step is written.
    allowed(&app, &set("params"), vec![enc.into(), some("{\"p\":1}")]).await;
    allowed(
        &app,
        &set("encrypted_tally"),
        vec![enc.into(), some("{\"t\":1}")],
    )
    .await;
    allowed(&app, &set("record"), vec![enc.into(), some("{\"r\":1}")]).await;
    // And none is taken back from under the next.
    refused(&app, TALLY, &set("params"), vec![enc.into(), none()]).await;
    refused(
        &app,
        RECORD,
        &set("encrypted_tally"),
        vec![enc.into(), none()],
    )
    .await;
    let done = election_row(&app, enc).await;
    assert_eq!(
        (
            done.params.as_deref(),
            done.encrypted_tally.as_deref(),
            done.record.as_deref()
        ),
        (Some("{\"p\":1}"), Some("{\"t\":1}"), Some("{\"r\":1}"))
    );
}

#[tokio::test]
async fn an_anonymous_poll_never_links_a_person_to_a_choice() {
    const NAMED: &str = "gd_no_named_answer_when_anonymous";
    const UNLINKED: &str = "gd_unlinked_answer_only_when_anonymous";
    let app = spawn_app().await;
    let w = world(&app).await;
    let anon = poll_id(
        &app,
        &w.board,
        input("SINGLE", "ANONYMOUS", None, &["a", "b"]),
    )
    .await;
    let open = poll_id(&app, &w.board, input("SINGLE", "OPEN", None, &["a", "b"])).await;
    answered(&app, &w.effective, &anon, &[0]).await;
    let (anon_id, open_id) = (id(&anon), id(&open));
    let answer = "INSERT INTO poll_answers (poll_id, user_id, choice, answered_at) \
                  VALUES ($1, $2, '[0]', $3)";
    let named =
        |p: Uuid, who: &TestUser| vec![p.into(), user(who).into(), chrono::Utc::now().into()];
    let ballot = "INSERT INTO poll_ballots (id, poll_id, choice) VALUES ($1, $2, '[1]')";
    let unlinked = |p: Uuid| vec![Uuid::new_v4().to_string().into(), p.into()];

    // Neither the person who answered nor anyone else gets a named answer in the anonymous
    // poll; the open poll gets no unlinked one.
    refused(&app, NAMED, answer, named(anon_id, &w.effective)).await;
    refused(&app, NAMED, answer, named(anon_id, &w.board)).await;
    refused(&app, UNLINKED, ballot, unlinked(open_id)).await;
    assert_eq!(rows(&app, "poll_answers", "poll_id", anon_id).await, 0);
    assert_eq!(rows(&app, "poll_ballots", "poll_id", anon_id).await, 1);
    assert_eq!(rows(&app, "poll_ballots", "poll_id", open_id).await, 0);

    // Each poll takes its own kind of row.
    allowed(&app, answer, named(open_id, &w.effective)).await;
    allowed(&app, ballot, unlinked(anon_id)).await;
    // A named answer cannot be moved into the anonymous poll.
    refused(
        &app,
        NAMED,
        "UPDATE poll_answers SET poll_id = $2 WHERE poll_id = $1",
        vec![open_id.into(), anon_id.into()],
    )
    .await;
    assert_eq!(rows(&app, "poll_answers", "poll_id", open_id).await, 1);
    assert_eq!(rows(&app, "poll_answers", "poll_id", anon_id).await, 0);

    // Answering through the server still works on both.
    answered(&app, &w.coordinator, &anon, &[1]).await;
    answered(&app, &w.board, &open, &[1]).await;
    assert_eq!(rows(&app, "poll_ballots", "poll_id", anon_id).await, 3);
    assert_eq!(rows(&app, "poll_answers", "poll_id", open_id).await, 2);
    assert_eq!(rows(&app, "poll_answers", "poll_id", anon_id).await, 0);
}
