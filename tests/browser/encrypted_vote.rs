//! Journey of the encrypted-ballot issue (#15): the board adds an encrypted motion; its two
//! trustees (the board members) generate their keys in the page; a member votes with the
//! keyboard alone and a proxy holder casts two ballots, each made in the page; voting closes;
//! each trustee decrypts in the page (one with the key kept by the browser, one with the
//! pasted key file); the result shows, and the record downloaded from the page verifies.

use crate::labs::{set_value, sign_in};
use crate::support::{assert_no_csp_violations, click, fill, start, wait_until, Session};
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

async fn goto(page: &Page, url: String) {
    page.goto(url).await.expect("goto");
}

async fn js_string(page: &Page, js: &str) -> String {
    page.evaluate(js)
        .await
        .expect("evaluate")
        .into_value::<String>()
        .unwrap_or_default()
}

async fn press(page: &Page, key: &str) {
    page.find_element("body")
        .await
        .expect("body")
        .press_key(key)
        .await
        .expect("key");
}

/// Presses Tab until the focus is on `selector` (as a keyboard user would).
async fn tab_to(page: &Page, selector: &str) {
    let focused = format!(
        "document.activeElement?.matches({}) ?? false",
        json!(selector)
    );
    for _ in 0..80 {
        press(page, "Tab").await;
        let on = page
            .evaluate(focused.as_str())
            .await
            .ok()
            .and_then(|r| r.into_value::<bool>().ok())
            .unwrap_or(false);
        if on {
            return;
        }
    }
    panic!("Tab never reached {selector}");
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
    for u in [&chair, &voter, &holder, &principal] {
        s.app
            .set_roles(&chair, u, json!({ "kind": "EFFECTIVE" }))
            .await;
    }
    let (a, _) = s.app.draft_assembly(&chair).await;
    let base = format!("{}/assemblies/{a}", s.app.url);
    let page = s.open("/").await;

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

    // Each trustee generates their key in the page; the second one completes the set.
    let chair_key = generate_key(&page, &base, &motion).await;
    // The file offered is the one kept: save it as a trustee would.
    click(&page, &format!("#trustee-key-file-{motion}")).await;
    let saved = downloaded(&s, &format!("trustee-{motion}.txt")).await;
    assert_eq!(
        std::fs::read_to_string(saved).expect("key file").trim(),
        chair_key
    );
    sign_in_keeping_keys(&s, &page, &second).await;
    let second_key = generate_key(&page, &base, &motion).await;
    assert_ne!(chair_key, second_key);
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
    let r = s.app.assembly_step(&chair, "conveneAssembly", &a).await;
    assert!(r["errors"].is_null(), "convene: {r}");
    s.app.proxy(&principal, &holder, &a).await;
    let r = s.app.assembly_step(&chair, "openSession", &a).await;
    assert!(r["errors"].is_null(), "open the session: {r}");
    for u in [&voter, &holder] {
        let r = s.app.check_in(&chair, &a, Some(u.id.as_str())).await;
        assert!(r["errors"].is_null(), "check-in: {r}");
    }

    // The chair opens voting in the console.
    sign_in_keeping_keys(&s, &page, &chair).await;
    goto(&page, format!("{base}/chair")).await;
    let open = format!("button.open-voting[data-motion-id=\"{motion}\"]");
    wait_until(
        &page,
        &format!("!!document.querySelector('{open}')"),
        "the open-voting button",
    )
    .await;
    click(&page, &open).await;
    let close = format!("button.close-voting[data-motion-id=\"{motion}\"]");
    wait_until(
        &page,
        &format!("!!document.querySelector('{close}')"),
        "voting open",
    )
    .await;

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

    // The second trustee decrypts with the key their browser kept; it is erased afterwards.
    sign_in_keeping_keys(&s, &page, &second).await;
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
        "the second share posted",
    )
    .await;
    let kept = js_string(&page, &format!("Object.keys(localStorage).filter(k => k.startsWith('constellation.trustee.{motion}.')).map(k => localStorage.getItem(k)).join('\\n')")).await;
    assert!(!kept.contains(&second_key), "the decrypted key is erased");

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
