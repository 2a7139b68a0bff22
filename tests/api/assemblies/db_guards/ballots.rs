//! Ballot rows: no plaintext choice for an encrypted motion, election marks that name an
//! accepted candidate.

use super::*;

#[tokio::test]
async fn an_encrypted_motion_holds_no_plaintext_choice_and_only_it_holds_sealed_ballots() {
    const RULE: &str = "gd_no_plaintext_when_encrypted";
    const SEALED: &str = "gd_sealed_only_when_encrypted";
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 2).await;
    let (_, enc) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let enc = id(&enc);
    let (a, item, open, secret) = plain_motions(&app, &chair).await;
    let sealed_e = add_election(&app, &chair, &a, &item, "ENCRYPTED", 1, "APPROVAL").await;
    let open_e = add_election(&app, &chair, &a, &item, "OPEN", 1, "APPROVAL").await;
    let secret_e = add_election(&app, &chair, &a, &item, "SECRET", 1, "APPROVAL").await;
    for e in [&sealed_e, &open_e, &secret_e] {
        stands(&app, e, &m[0]).await;
    }
    let (sealed_e, open_e, secret_e) = (id(&sealed_e), id(&open_e), id(&secret_e));
    let (voter, candidate) = (user(&m[1]), user(&m[0]));

    // No plaintext row of any kind for the encrypted motion or the encrypted election (whose
    // candidate is on its ballot: only this rule refuses).
    refused(&app, RULE, OPEN_VOTE, open_vote(enc, voter)).await;
    refused(&app, RULE, SECRET_BALLOT, secret_ballot(enc)).await;
    refused(
        &app,
        RULE,
        CANDIDATE_VOTE,
        candidate_vote(sealed_e, voter, candidate),
    )
    .await;
    refused(
        &app,
        RULE,
        CANDIDATE_MARK,
        candidate_mark(sealed_e, candidate),
    )
    .await;
    // No sealed ballot for a motion or an election that is not encrypted.
    for m in [open, secret, open_e, secret_e] {
        refused(&app, SEALED, SEALED_BALLOT, sealed_ballot(m)).await;
    }
    for (table, m) in [
        ("open_votes", enc),
        ("secret_ballots", enc),
        ("candidate_votes", sealed_e),
        ("candidate_marks", sealed_e),
    ] {
        assert_eq!(rows(&app, table, "motion_id", m).await, 0, "{table}");
    }
    for m in [open, secret, open_e, secret_e] {
        assert_eq!(rows(&app, "encrypted_ballots", "motion_id", m).await, 0);
    }

    // The same rows for the motions they belong to are written.
    allowed(&app, OPEN_VOTE, open_vote(open, voter)).await;
    allowed(&app, SECRET_BALLOT, secret_ballot(secret)).await;
    allowed(
        &app,
        CANDIDATE_VOTE,
        candidate_vote(open_e, voter, candidate),
    )
    .await;
    allowed(&app, CANDIDATE_MARK, candidate_mark(secret_e, candidate)).await;
    allowed(&app, SEALED_BALLOT, sealed_ballot(enc)).await;
    allowed(&app, SEALED_BALLOT, sealed_ballot(sealed_e)).await;

    // Moving a row to the wrong motion is refused as well.
    let moved = |table: &str| format!("UPDATE {table} SET motion_id = $2 WHERE motion_id = $1");
    refused(
        &app,
        RULE,
        &moved("open_votes"),
        vec![open.into(), enc.into()],
    )
    .await;
    refused(
        &app,
        RULE,
        &moved("secret_ballots"),
        vec![secret.into(), enc.into()],
    )
    .await;
    refused(
        &app,
        RULE,
        &moved("candidate_marks"),
        vec![secret_e.into(), sealed_e.into()],
    )
    .await;
    refused(
        &app,
        SEALED,
        &moved("encrypted_ballots"),
        vec![enc.into(), secret.into()],
    )
    .await;
    for (table, m, n) in [
        ("open_votes", open, 1),
        ("open_votes", enc, 0),
        ("secret_ballots", secret, 1),
        ("secret_ballots", enc, 0),
        ("candidate_votes", open_e, 1),
        ("candidate_marks", secret_e, 1),
        ("candidate_marks", sealed_e, 0),
        ("encrypted_ballots", enc, 1),
        ("encrypted_ballots", sealed_e, 1),
        ("encrypted_ballots", secret, 0),
    ] {
        assert_eq!(rows(&app, table, "motion_id", m).await, n, "{table} {m}");
    }
}

#[tokio::test]
async fn election_marks_name_one_of_the_elections_accepted_candidates() {
    const RULE: &str = "gd_marks_name_a_candidate";
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 5).await;
    let (a, item) = assembly_with_item(&app, &chair).await;
    let open_e = add_election(&app, &chair, &a, &item, "OPEN", 2, "APPROVAL").await;
    let secret_e = add_election(&app, &chair, &a, &item, "SECRET", 2, "PER_CANDIDATE").await;
    // m0 stands in both; m1 is proposed in both, not yet accepted; m3 stands in the secret
    // one only; m2 stands nowhere.
    for e in [&open_e, &secret_e] {
        stands(&app, e, &m[0]).await;
        let r = propose(&app, &chair, e, &m[1]).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    stands(&app, &secret_e, &m[3]).await;
    let (open_e_id, secret_e_id) = (id(&open_e), id(&secret_e));
    let voter = user(&m[4]);
    let [c0, c1, c2, c3] = [0, 1, 2, 3].map(|i| user(&m[i]));

    for c in [c1, c2, c3] {
        refused(
            &app,
            RULE,
            CANDIDATE_VOTE,
            candidate_vote(open_e_id, voter, c),
        )
        .await;
    }
    for c in [c1, c2] {
        refused(&app, RULE, CANDIDATE_MARK, candidate_mark(secret_e_id, c)).await;
    }
    refused(&app, RULE, CANDIDATE_MARK, candidate_mark(open_e_id, c3)).await;
    assert_eq!(
        rows(&app, "candidate_votes", "motion_id", open_e_id).await,
        0
    );
    assert_eq!(
        rows(&app, "candidate_marks", "motion_id", secret_e_id).await,
        0
    );
    assert_eq!(
        rows(&app, "candidate_marks", "motion_id", open_e_id).await,
        0
    );

    // The accepted candidates' marks are written.
    allowed(&app, CANDIDATE_VOTE, candidate_vote(open_e_id, voter, c0)).await;
    allowed(&app, CANDIDATE_MARK, candidate_mark(secret_e_id, c0)).await;
    allowed(&app, CANDIDATE_MARK, candidate_mark(secret_e_id, c3)).await;
    // A mark cannot be moved to someone who is not on the ballot.
    let to = |table: &str| {
        format!("UPDATE {table} SET candidate_id = $3 WHERE motion_id = $1 AND candidate_id = $2")
    };
    refused(
        &app,
        RULE,
        &to("candidate_votes"),
        vec![open_e_id.into(), c0.into(), c2.into()],
    )
    .await;
    refused(
        &app,
        RULE,
        &to("candidate_marks"),
        vec![secret_e_id.into(), c3.into(), c1.into()],
    )
    .await;
    assert_eq!(rows(&app, "candidate_votes", "candidate_id", c0).await, 1);
    assert_eq!(rows(&app, "candidate_votes", "candidate_id", c2).await, 0);
    assert_eq!(rows(&app, "candidate_marks", "candidate_id", c3).await, 1);
    assert_eq!(rows(&app, "candidate_marks", "candidate_id", c1).await, 0);

    // Once m1 accepts, a mark for them is written.
    let r = accept(&app, &m[1], &open_e).await;
    assert!(r["errors"].is_null(), "{r}");
    allowed(&app, CANDIDATE_VOTE, candidate_vote(open_e_id, voter, c1)).await;
    assert_eq!(
        rows(&app, "candidate_votes", "motion_id", open_e_id).await,
        2
    );
    // Still not in the secret election, where m1 has not accepted.
    refused(&app, RULE, CANDIDATE_MARK, candidate_mark(secret_e_id, c1)).await;
}
