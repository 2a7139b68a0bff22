//! Journey of the general-assembly issue: the board convenes an assembly; a member gives a
//! proxy; the holder votes twice (own and by proxy) in the booth; the chair closes voting;
//! the result and the minutes show the outcome.

use crate::labs::{set_value, sign_in};
use crate::support::{assert_no_csp_violations, click, fill, start, wait_until};
use crate::support_assembly::{draft_assembly_with, goto, open_voting};
use chromiumoxide::Page;

/// Picks `choice` in the booth for `member` and casts it, then waits for the confirmation.
async fn vote(page: &Page, member: &str, choice: &str) {
    let fieldset = format!("fieldset[data-member-id=\"{member}\"]");
    wait_until(
        page,
        &format!("!!document.querySelector('{fieldset} input[value=\"{choice}\"]')"),
        "the ballot",
    )
    .await;
    click(page, &format!("{fieldset} input[value=\"{choice}\"]")).await;
    click(page, &format!("{fieldset} button.cast-vote")).await;
    wait_until(
        page,
        &format!("!document.querySelector('{fieldset} button.cast-vote') && (document.querySelector('#vote-confirmation')?.textContent.trim().length ?? 0) > 0"),
        "the vote confirmed",
    )
    .await;
}

#[tokio::test]
async fn the_board_convenes_a_member_gives_a_proxy_and_the_holder_votes_twice() {
    let s = start().await;
    let chair = s.app.signup("Chair Person").await;
    let holder = s.app.signup("Holder Member").await;
    let principal = s.app.signup("Principal Member").await;
    let draft = draft_assembly_with(&s, &chair, &[&holder, &principal]).await;
    let (a, motion, base, page) = (draft.id, &draft.motions[0], draft.base, draft.page);

    // The board convenes it.
    sign_in(&s, &page, &chair).await;
    goto(&page, base.clone()).await;
    wait_until(
        &page,
        "!!document.querySelector('#convene')",
        "the convene button",
    )
    .await;
    click(&page, "#convene").await;
    wait_until(
        &page,
        "document.querySelector('#assembly-status')?.dataset.status === 'CONVENED'",
        "convened",
    )
    .await;

    // A member gives a proxy; the holder accepts it.
    sign_in(&s, &page, &principal).await;
    goto(&page, format!("{base}/proxy")).await;
    wait_until(
        &page,
        "!!document.querySelector('#holder-email')",
        "the proxy form",
    )
    .await;
    fill(&page, "#holder-email", &holder.email).await;
    click(&page, "#give-proxy").await;
    wait_until(
        &page,
        "document.querySelector('#proxy-given-status')?.textContent.trim() === 'PENDING'",
        "the proxy given",
    )
    .await;
    sign_in(&s, &page, &holder).await;
    goto(&page, format!("{base}/proxy")).await;
    wait_until(
        &page,
        "!!document.querySelector('li[data-proxy-id] .accept-proxy')",
        "the proxy to accept",
    )
    .await;
    click(&page, "li[data-proxy-id] .accept-proxy").await;
    wait_until(
        &page,
        "!document.querySelector('li[data-proxy-id] .accept-proxy')",
        "the proxy accepted",
    )
    .await;

    // The chair opens the session, checks the holder in and opens voting.
    sign_in(&s, &page, &chair).await;
    goto(&page, format!("{base}/chair")).await;
    wait_until(
        &page,
        "!!document.querySelector('#open-session')",
        "the chair console",
    )
    .await;
    click(&page, "#open-session").await;
    let row = format!("li[data-member-id=\"{}\"]", holder.id);
    wait_until(
        &page,
        &format!("!!document.querySelector('{row} .check-in')"),
        "the check-in list",
    )
    .await;
    click(&page, &format!("{row} .check-in")).await;
    wait_until(
        &page,
        &format!("!!document.querySelector('{row} .present')"),
        "the holder present",
    )
    .await;
    let close = open_voting(&page, motion).await;

    // The holder votes twice in the booth: own vote and the principal's.
    sign_in(&s, &page, &holder).await;
    goto(&page, format!("{base}/vote")).await;
    vote(&page, &holder.id, "YES").await;
    vote(&page, &principal.id, "YES").await;

    // The chair records the room's count: one vote more than those present or represented
    // who have not voted online (here none) is refused and said so; an empty count is kept.
    sign_in(&s, &page, &chair).await;
    goto(&page, format!("{base}/chair")).await;
    let room = format!("form.room-count-form[data-motion-id=\"{motion}\"]");
    wait_until(
        &page,
        &format!("!!document.querySelector('{room}')"),
        "the room count form",
    )
    .await;
    set_value(&page, &format!("#room-yes-{motion}"), "1").await;
    click(&page, &format!("{room} .room-count-submit")).await;
    wait_until(
        &page,
        &format!("[...document.querySelectorAll('{room} .form-error')].some(e => e.textContent.trim() !== '')"),
        "the count over the votes left refused",
    )
    .await;
    set_value(&page, &format!("#room-yes-{motion}"), "0").await;
    click(&page, &format!("{room} .room-count-submit")).await;
    wait_until(
        &page,
        &format!("document.querySelector('{room} .form-note')?.textContent.trim() !== '' && [...document.querySelectorAll('{room} .form-error')].every(e => e.textContent.trim() === '')"),
        "the room count recorded",
    )
    .await;

    // The chair closes voting; the result shows; the session closes; the minutes follow.
    wait_until(
        &page,
        &format!("!!document.querySelector('{close}')"),
        "the close-voting button",
    )
    .await;
    click(&page, &close).await;
    wait_until(
        &page,
        &format!("!document.querySelector('{close}')"),
        "voting closed",
    )
    .await;
    wait_until(
        &page,
        "!!document.querySelector('#close-session')",
        "the close-session button",
    )
    .await;
    click(&page, "#close-session").await;
    goto(&page, base.clone()).await;
    wait_until(
        &page,
        &format!("document.querySelector('section[data-motion-id=\"{motion}\"] .motion-result')?.dataset.passed === 'true'"),
        "the motion passed",
    )
    .await;
    wait_until(&page, "document.querySelector('#assembly-status')?.dataset.status === 'CLOSED' && !!document.querySelector('#minutes-md') && !!document.querySelector('#minutes-html')", "the minutes links").await;
    // The agenda is indented through the CSSOM: the policy holds and nothing was blocked.
    wait_until(
        &page,
        "[...document.querySelectorAll('li.agenda-item')].length > 0 && [...document.querySelectorAll('li.agenda-item')].every(e => e.style.marginInlineStart !== '')",
        "the agenda items indented",
    )
    .await;
    assert_no_csp_violations(&page).await;
    let minutes = s
        .app
        .client
        .get(format!("{}/export/assemblies/{a}/minutes.md", s.app.url))
        .bearer_auth(&principal.token)
        .send()
        .await
        .expect("minutes")
        .text()
        .await
        .expect("body");
    assert!(
        minutes.contains("ADOPTÉE") && minutes.contains("Principal Member → Holder Member"),
        "{minutes}"
    );
}
