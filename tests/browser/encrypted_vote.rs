//! Journey of the encrypted-ballot issue (#15): the board adds an encrypted motion; its two
//! trustees (the board members) are to generate their keys in the page: the first does, the
//! board names a member in place of the second, and that stand-in does; a member votes with
//! the keyboard alone and a proxy holder casts two ballots, each made in the page; voting
//! closes; each trustee decrypts in the page (one with the key kept by the browser, one with
//! the pasted key file); the result shows, and the record downloaded from the page verifies.

use crate::labs::{set_value, sign_in};
use crate::support::{assert_no_csp_violations, click, fill, start, wait_until, Session};
use crate::support_assembly::{
    draft_assembly_with, goto, js_string, open_voting, press, session_through_api, tab_to,
};
use chromiumoxide::Page;
use constellation_shared::voting::{verify_record, ElectionRecord};
use constellation_tests::{TestUser, PASSWORD};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Signs in as `who` but keeps what the browser stored besides the session (the trustees'
/// keys, the trackers), as when people take turns on one computer.
async fn sign_in_keeping_keys(s: &Session, page: &Page, who: &TestUser) {
    let login = format!("{}/login", s.app.url);
    page.goto(login.clone()).await.expect("goto");
    page.evaluate("localStorage.removeItem('constellation.token')")
        .await
        .expect("sign out");
    page.goto(login).await.expect("goto");
    wait_until(page, "!!document.querySelector('#email')", "the login form").await;
    fill(page, "#email", &who.email).await;
    fill(page, "#password", PASSWORD).await;
    click(page, "form button[type=submit]").await;
    wait_until(
        page,
        "location.pathname === '/profile' && !!document.querySelector('#profile-email')",
        "signed in",
    )
    .await;
}

/// The tracker announced in the booth's confirmation (exactly one: no mismatch warning).
async fn announced_tracker(page: &Page) -> String {
    let found = js_string(
        page,
        "JSON.stringify(document.querySelector('#vote-confirmation').textContent.match(/[0-9a-f]{64}/g) || [])",
    )
    .await;
    let trackers: Vec<String> = serde_json::from_str(&found).expect("trackers");
    assert_eq!(trackers.len(), 1, "one tracker, no warning: {trackers:?}");
    trackers[0].clone()
}

/// Waits for a file the page saved.
async fn downloaded(s: &Session, name: &str) -> PathBuf {
    let path = s.downloads.path().join(name);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        assert!(Instant::now() < deadline, "{name} was not downloaded");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    path
}

/// The trustee generates their key in the motion's card; the key file is offered and the
/// public part posted. Returns the content of the file.
async fn generate_key(page: &Page, base: &str, motion: &str) -> String {
    goto(page, base.to_owned()).await;
    let button = format!("#trustee-generate-{motion}");
    wait_until(
        page,
        &format!("!!document.querySelector('{button}')"),
        "the generate-key button",
    )
    .await;
    click(page, &button).await;
    let link = format!("#trustee-key-file-{motion}");
    wait_until(
        page,
        &format!("!document.querySelector('{button}') && !!document.querySelector('{link}')"),
        "the key posted and its file offered",
    )
    .await;
    let file = js_string(
        page,
        &format!("(() => {{ const h = document.querySelector('{link}').getAttribute('href'); return decodeURIComponent(h.slice(h.indexOf(',') + 1)); }})()"),
    )
    .await;
    assert!(
        file.contains(':') && file.len() > 60,
        "a trustee key: {file}"
    );
    let stored = js_string(
        page,
        &format!("Object.keys(localStorage).filter(k => k.startsWith('constellation.trustee.{motion}.')).map(k => localStorage.getItem(k)).join('\\n')"),
    )
    .await;
    assert!(stored.lines().any(|l| l == file), "kept in the browser");
    file
}

/// The board, in the motion's card, names `by` in place of the trustee `who`: Replace, pick
/// the member (the focus is on the list), confirm; the focus comes back to the row.
async fn replace_trustee(page: &Page, election: &str, who: &TestUser, by: &TestUser) {
    let row = format!("{election} li.trustee[data-user-id=\"{}\"]", who.id);
    wait_until(
        page,
        &format!("!!document.querySelector('{row} .trustee-replace')"),
        "the replace button",
    )
    .await;
    click(page, &format!("{row} .trustee-replace")).await;
    let select = format!("{row} form.trustee-replace-form select");
    wait_until(
        page,
        &format!("!!document.querySelector('{select} option[value=\"{}\"]') && !document.querySelector('{select} option[value=\"{}\"]') && document.activeElement === document.querySelector('{select}')", by.id, who.id),
        "the members who are not trustees offered, the focus on the list",
    )
    .await;
    set_value(page, &select, &by.id).await;
    click(page, &format!("{row} .trustee-replace-confirm")).await;
    let named = format!("{election} li.trustee[data-user-id=\"{}\"]", by.id);
    wait_until(
        page,
        &format!("!document.querySelector('{row}') && document.querySelector('{named}')?.dataset.keyPosted === 'false' && document.querySelectorAll('{election} li.trustee[data-key-posted=\"true\"]').length === 1 && document.activeElement === document.querySelector('{named} .trustee-replace')"),
        "the stand-in named, their key awaited, the focus back on their row",
    )
    .await;
}

/// Casts one ballot by clicking (the proxy holder's way).
async fn vote_by_click(page: &Page, motion: &str, member: &str, choice: &str) -> String {
    let fieldset = format!("fieldset[data-member-id=\"{member}\"]");
    let radio = format!("#choice-{motion}-{member}-{choice}");
    wait_until(
        page,
        &format!("!!document.querySelector('{radio}')"),
        "the ballot",
    )
    .await;
    click(page, &radio).await;
    click(page, &format!("{fieldset} button.cast-vote")).await;
    wait_until(
        page,
        &format!("!document.querySelector('{fieldset} button.cast-vote') && /[0-9a-f]{{64}}/.test(document.querySelector('#vote-confirmation')?.textContent ?? '')"),
        "the ballot cast and its tracker shown",
    )
    .await;
    announced_tracker(page).await
}

#[tokio::test]
async fn trustees_key_an_encrypted_motion_members_vote_in_the_page_and_trustees_decrypt() {
    let s = start().await;
    let chair = s.app.signup("Chair Trustee").await;
    let second = s.app.signup("Second Trustee").await;
    let stand_in = s.app.signup("Stand-in Trustee").await;
    let voter = s.app.signup("Keyboard Voter").await;
    let holder = s.app.signup("Holder Member").await;
    let principal = s.app.signup("Principal Member").await;
    s.app
        .set_roles(
            &chair,
            &second,
            json!({ "kind": "EFFECTIVE", "board": true }),
        )
        .await;
    let draft = draft_assembly_with(&s, &chair, &[&stand_in, &voter, &holder, &principal]).await;
    let (a, base, page) = (draft.id, draft.base, draft.page);

    // The board adds an encrypted motion in the form.
    sign_in(&s, &page, &chair).await;
    goto(&page, base.clone()).await;
    wait_until(
        &page,
        "!!document.querySelector('#add-motion #motion-ballot option[value=\"ENCRYPTED\"]')",
        "the encrypted ballot offered",
    )
    .await;
    fill(&page, "#motion-text", "Adopt the encrypted vote").await;
    set_value(&page, "#motion-ballot", "ENCRYPTED").await;
    wait_until(
        &page,
        "(document.querySelector('#motion-ballot-hint')?.textContent.trim().length ?? 0) > 0",
        "the encrypted ballot explained",
    )
    .await;
    click(&page, "#motion-submit").await;
    wait_until(
        &page,
        "!!document.querySelector('section.motion .motion-ballot[data-ballot=\"ENCRYPTED\"]')",
        "the encrypted motion added",
    )
    .await;
    let motion = js_string(
        &page,
        "document.querySelector('section.motion .motion-ballot[data-ballot=\"ENCRYPTED\"]').closest('section.motion').dataset.motionId",
    )
    .await;
    assert!(!motion.is_empty(), "the motion's id");
    let election = format!("section.election[data-motion-id=\"{motion}\"]");

    // The first trustee generates their key in the page.
    let chair_key = generate_key(&page, &base, &motion).await;
    // The file offered is the one kept: save it as a trustee would.
    click(&page, &format!("#trustee-key-file-{motion}")).await;
    let saved = downloaded(&s, &format!("trustee-{motion}.txt")).await;
    assert_eq!(
        std::fs::read_to_string(saved).expect("key file").trim(),
        chair_key
    );
    // Before every key is in, the board names a member in place of the second trustee; the
    // stand-in generates their key in their page and completes the set.
    replace_trustee(&page, &election, &second, &stand_in).await;
    sign_in_keeping_keys(&s, &page, &stand_in).await;
    let stand_in_key = generate_key(&page, &base, &motion).await;
    assert_ne!(chair_key, stand_in_key);
    wait_until(
        &page,
        &format!("document.querySelector('{election}')?.dataset.ready === 'true' && document.querySelectorAll('{election} li.trustee[data-key-posted=\"true\"]').length === 2 && document.querySelector('{election} .trustee-key-check')?.dataset.ok === 'true'"),
        "both keys in, and this trustee's key in the parameters",
    )
    .await;
    let shown = js_string(
        &page,
        &format!(
            "document.querySelector('#election-fingerprint-{motion}')?.textContent.trim() ?? ''"
        ),
    )
    .await;
    let fingerprint = s
        .app
        .ok(
            &chair,
            "query($id: ID!) { assembly(id: $id) { motions { id election { fingerprint } } } }",
            json!({ "id": a }),
        )
        .await["motions"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["id"] == motion.as_str()))
        .and_then(|m| m["election"]["fingerprint"].as_str())
        .map(str::to_owned)
        .expect("the server's fingerprint");
    assert_eq!(
        shown, fingerprint,
        "the page computes the announced fingerprint"
    );

    // The session: convened, a proxy, opened, the voters checked in (set up through the API).
    session_through_api(&s, &chair, &a, &[(&principal, &holder)], &[&voter, &holder]).await;

    // The chair opens voting in the console.
    sign_in_keeping_keys(&s, &page, &chair).await;
    goto(&page, format!("{base}/chair")).await;
    let close = open_voting(&page, &motion).await;

    // A member votes with the keyboard alone: Tab to the ballot, Space and an arrow to pick
    // "no", Tab to the button, Enter.
    sign_in_keeping_keys(&s, &page, &voter).await;
    goto(&page, format!("{base}/vote")).await;
    let group = format!("choice-{motion}-{}", voter.id);
    wait_until(
        &page,
        &format!("!!document.querySelector('#{group}-YES') && !!document.querySelector('#booth-fingerprint')"),
        "the encrypted booth",
    )
    .await;
    tab_to(&page, &format!("input[name=\"{group}\"]")).await;
    press(&page, " ").await;
    press(&page, "ArrowDown").await;
    wait_until(
        &page,
        &format!("document.querySelector('#{group}-NO').checked && document.activeElement === document.querySelector('#{group}-NO')"),
        "no picked with the keyboard",
    )
    .await;
    let cast = format!("fieldset[data-member-id=\"{}\"] button.cast-vote", voter.id);
    tab_to(&page, &cast).await;
    press(&page, "Enter").await;
    wait_until(
        &page,
        &format!("!document.querySelector('{cast}') && /[0-9a-f]{{64}}/.test(document.querySelector('#vote-confirmation')?.textContent ?? '') && document.activeElement?.id === 'vote-confirmation'"),
        "the ballot cast, its tracker announced",
    )
    .await;
    let voter_tracker = announced_tracker(&page).await;
    assert_eq!(
        js_string(
            &page,
            &format!(
                "localStorage.getItem('constellation.tracker.{motion}.{}')",
                voter.id
            )
        )
        .await,
        voter_tracker,
        "the tracker kept in the browser"
    );

    // The proxy holder casts two ballots: their own and the principal's.
    sign_in_keeping_keys(&s, &page, &holder).await;
    goto(&page, format!("{base}/vote")).await;
    let holder_tracker = vote_by_click(&page, &motion, &holder.id, "YES").await;
    let principal_tracker = vote_by_click(&page, &motion, &principal.id, "YES").await;
    wait_until(
        &page,
        "!!document.querySelector('#all-votes-cast')",
        "all the holder's ballots cast",
    )
    .await;

    // The chair closes voting: no result yet, the card says what it waits for.
    sign_in_keeping_keys(&s, &page, &chair).await;
    goto(&page, format!("{base}/chair")).await;
    wait_until(
        &page,
        &format!("!!document.querySelector('{close}')"),
        "the close-voting button",
    )
    .await;
    click(&page, &close).await;
    let card = format!("section.motion[data-motion-id=\"{motion}\"]");
    wait_until(
        &page,
        &format!("document.querySelector('{card}')?.dataset.status === 'CLOSED' && !document.querySelector('{card} .motion-result') && /trustees|gardiens/.test(document.querySelector('{card} .badge')?.textContent ?? '') && document.querySelector('{election} .election-ballots')?.textContent.trim() === '3'"),
        "closed, awaiting the trustees' decryption, three ballots in the box",
    )
    .await;

    // The stand-in decrypts with the key their browser kept; it is erased afterwards.
    sign_in_keeping_keys(&s, &page, &stand_in).await;
    goto(&page, base.clone()).await;
    let form = format!("form.trustee-decrypt[data-motion-id=\"{motion}\"]");
    wait_until(
        &page,
        &format!("document.querySelector('{form} .trustee-key-where')?.dataset.found === 'true'"),
        "the decryption form, with the key found",
    )
    .await;
    click(&page, &format!("{form} .trustee-decrypt-submit")).await;
    wait_until(
        &page,
        &format!("!document.querySelector('{form}') && document.querySelectorAll('{election} li.trustee[data-decrypted=\"true\"]').length === 1"),
        "the stand-in's share posted",
    )
    .await;
    let kept = js_string(&page, &format!("Object.keys(localStorage).filter(k => k.startsWith('constellation.trustee.{motion}.')).map(k => localStorage.getItem(k)).join('\\n')")).await;
    assert!(!kept.contains(&stand_in_key), "the decrypted key is erased");

    // The chair, on a cleared browser, pastes the key file and decrypts: the result shows.
    sign_in(&s, &page, &chair).await;
    goto(&page, base.clone()).await;
    wait_until(
        &page,
        &format!("document.querySelector('{form} .trustee-key-where')?.dataset.found === 'false'"),
        "the decryption form, without a key in the browser",
    )
    .await;
    fill(&page, &format!("#trustee-paste-{motion}"), &chair_key).await;
    click(&page, &format!("{form} .trustee-decrypt-submit")).await;
    wait_until(
        &page,
        &format!("document.querySelector('{election}')?.dataset.decrypted === 'true' && document.querySelector('{card} .motion-result')?.dataset.passed === 'true' && document.querySelector('{card} .tally-yes')?.textContent.trim() === '2' && document.querySelector('{card} .tally-no')?.textContent.trim() === '1'"),
        "decrypted: the motion passed, two for and one against",
    )
    .await;
    let result = s.app.assembly_state(&chair, &a).await["motions"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["id"] == motion.as_str()))
        .map(|m| m["result"].clone())
        .expect("the motion");
    assert_eq!(
        result["tally"],
        json!({ "yes": 2, "no": 1, "abstain": 0 }),
        "{result}"
    );

    // The record: downloaded, re-checked in the page, and verifiable from the file alone.
    click(&page, &format!("#election-record-{motion}")).await;
    wait_until(
        &page,
        &format!("document.querySelector('{election} .record-check')?.dataset.ok === 'true'"),
        "the record re-checked in the page",
    )
    .await;
    let file = downloaded(&s, &format!("election-{motion}.json")).await;
    let record: ElectionRecord =
        serde_json::from_str(&std::fs::read_to_string(file).expect("record")).expect("a record");
    assert_eq!(verify_record(&record).expect("it verifies"), [2, 1, 0]);
    let trackers = record.trackers().expect("trackers");
    for t in [&voter_tracker, &holder_tracker, &principal_tracker] {
        assert!(trackers.contains(t), "{t} is in the record");
    }

    // The public board: the voter's tracker is found and highlighted.
    click(&page, &format!("{election} .tracker-board-show")).await;
    wait_until(
        &page,
        &format!("document.querySelectorAll('{election} li.tracker').length === 3"),
        "the board of trackers",
    )
    .await;
    fill(
        &page,
        &format!("#tracker-search-{motion}"),
        &voter_tracker[..12],
    )
    .await;
    wait_until(
        &page,
        &format!("document.querySelectorAll('{election} li.tracker.match').length === 1 && document.querySelector('{election} li.tracker.match').dataset.tracker === '{voter_tracker}'"),
        "the voter's tracker highlighted",
    )
    .await;
    assert_no_csp_violations(&page).await;
}
