//! Journey of the barcamp issue: an attendee proposes a session, two others mark interest,
//! an organiser runs the scheduler and publishes, and the attendee finds the session in
//! their personal agenda and in its calendar feed.

use crate::labs::{set_value, sign_in};
use crate::support::{click, fill, start, wait_until};
use chromiumoxide::Page;
use serde_json::json;

async fn goto(page: &Page, url: String) {
    page.goto(url).await.expect("goto");
}

/// Clicks the interest toggle of the session titled `title` and waits until it is pressed.
async fn mark_interest(page: &Page, title: &str) {
    let li = format!(
        "[...document.querySelectorAll('li[data-session-id]')].find(li => li.querySelector('.session-title')?.textContent.includes({}))",
        json!(title)
    );
    wait_until(
        page,
        &format!("!!{li}?.querySelector('button.interest-toggle')"),
        "the interest toggle",
    )
    .await;
    page.evaluate(format!(
        "{li}.querySelector('button.interest-toggle').click()"
    ))
    .await
    .expect("click toggle");
    wait_until(
        page,
        &format!(
            "{li}.querySelector('button.interest-toggle').getAttribute('aria-pressed') === 'true'"
        ),
        "interest marked",
    )
    .await;
}

#[tokio::test]
async fn attendees_propose_and_mark_interest_and_find_the_published_session_in_their_agenda() {
    let s = start().await;
    let admin = s.app.signup("Organiser Admin").await;
    let ana = s.app.signup("Ana Host").await;
    let ben = s.app.signup("Ben Attendee").await;
    let cy = s.app.signup("Cy Attendee").await;
    let e = s.app.edition(&admin, 2027).await;
    for who in [&ben, &cy] {
        s.app.register_for(who, &e.id).await;
    }
    let page = s.open("/").await;
    let edition_url = format!("{}/barcamp/2027", s.app.url);

    // Ana registers and proposes a session from the edition page.
    sign_in(&s, &page, &ana).await;
    goto(&page, edition_url.clone()).await;
    wait_until(
        &page,
        "!!document.querySelector('#barcamp-register')",
        "the register button",
    )
    .await;
    click(&page, "#barcamp-register").await;
    wait_until(&page, "!!document.querySelector('#barcamp-registered') && !!document.querySelector('#session-title')", "registered, with the proposal form").await;
    fill(&page, "#session-title", "Community networks in Brussels").await;
    fill(
        &page,
        "#session-description",
        "How neighbours build their own network.",
    )
    .await;
    set_value(&page, "#session-format", "DISCUSSION").await;
    click(&page, "#session-submit").await;
    wait_until(
        &page,
        "[...document.querySelectorAll('li[data-session-id] .session-title')].some(t => t.textContent.includes('Community networks'))",
        "the session in the programme",
    )
    .await;
    let session_id = page
        .evaluate("[...document.querySelectorAll('li[data-session-id]')].find(li => li.textContent.includes('Community networks')).dataset.sessionId")
        .await
        .expect("id")
        .into_value::<String>()
        .expect("string");

    // Ben and Cy say they want to attend.
    for who in [&ben, &cy] {
        sign_in(&s, &page, who).await;
        goto(&page, edition_url.clone()).await;
        mark_interest(&page, "Community networks").await;
    }
    wait_until(
        &page,
        &format!("document.querySelector('li[data-session-id=\"{session_id}\"] .interest-count')?.textContent.trim() === '2'"),
        "two interested",
    )
    .await;

    // The organiser moves the edition to scheduling, runs the scheduler and publishes.
    sign_in(&s, &page, &admin).await;
    goto(&page, format!("{edition_url}/organise")).await;
    for phase in ["INTEREST", "SCHEDULING"] {
        wait_until(
            &page,
            "!!document.querySelector('#phase-next')",
            "the phase control",
        )
        .await;
        click(&page, "#phase-next").await;
        wait_until(
            &page,
            &format!("document.querySelector('#phase-current')?.dataset.phase === '{phase}'"),
            phase,
        )
        .await;
    }
    wait_until(&page, "!!document.querySelector('#run-scheduler') && !document.querySelector('#run-scheduler').disabled", "the scheduler button").await;
    click(&page, "#run-scheduler").await;
    wait_until(
        &page,
        "!!document.querySelector('#scheduler-result')",
        "the scheduler's result",
    )
    .await;
    click(&page, "#phase-next").await;
    wait_until(
        &page,
        "document.querySelector('#phase-current')?.dataset.phase === 'PUBLISHED'",
        "published",
    )
    .await;

    // The grid shows it; Ben's agenda lists it, with a feed a calendar app can read.
    goto(&page, format!("{edition_url}/schedule")).await;
    wait_until(
        &page,
        &format!("!!document.querySelector('#schedule-grid td[data-session-id=\"{session_id}\"]')"),
        "the session in the grid",
    )
    .await;
    sign_in(&s, &page, &ben).await;
    goto(&page, format!("{edition_url}/agenda")).await;
    wait_until(
        &page,
        &format!("!!document.querySelector('#agenda li[data-session-id=\"{session_id}\"]') && !!document.querySelector('#feed-link')?.href"),
        "the session in the agenda, and the feed link",
    )
    .await;
    let feed = page
        .evaluate("document.querySelector('#feed-link').href")
        .await
        .expect("href")
        .into_value::<String>()
        .expect("string");
    assert!(feed.starts_with(&s.app.url), "{feed}");
    let body = s
        .app
        .client
        .get(&feed)
        .send()
        .await
        .expect("feed")
        .text()
        .await
        .expect("body");
    let cal: icalendar::Calendar = body.parse().unwrap_or_else(|e| panic!("{e}\n{body}"));
    use icalendar::Component;
    let uids: Vec<String> = cal
        .events()
        .map(|ev| ev.get_uid().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(uids, vec![format!("{session_id}@constellation")], "{body}");
}
