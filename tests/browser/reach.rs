//! Journey of the reach issue: the board convenes an assembly; the member's bell counts the
//! convocation and keeps counting live; the home lists the assembly under "Coming" and the
//! proxy asked of them under "Waiting for you"; the notifications page lists them, marks
//! them read when followed or all at once, and keeps the member's preferences and calendar.

use crate::labs::{set_value, sign_in};
use crate::support::{assert_no_csp_violations, click, start, text, wait_until};
use chromiumoxide::Page;
use serde_json::json;

async fn goto(page: &Page, url: String) {
    page.goto(url).await.expect("goto");
}

/// The bell's accessible name.
async fn bell(page: &Page) -> String {
    page.evaluate("document.querySelector('#nav-notifications')?.getAttribute('aria-label') ?? ''")
        .await
        .expect("evaluate")
        .into_value::<String>()
        .expect("string")
}

async fn wait_for_bell(page: &Page, name: &str) {
    wait_until(
        page,
        &format!(
            "document.querySelector('#nav-notifications')?.getAttribute('aria-label') === {}",
            json!(name)
        ),
        &format!("the bell to read {name:?}"),
    )
    .await;
}

#[tokio::test]
async fn the_bell_the_home_and_the_notifications_page_tell_a_member_what_needs_them() {
    let s = start().await;
    let board = s.app.signup("Board Chair").await;
    let member = s.app.signup("Mira Member").await;
    for u in [&board, &member] {
        s.app
            .set_roles(&board, u, json!({ "kind": "EFFECTIVE" }))
            .await;
    }
    let (a, _) = s.app.draft_assembly(&board).await;
    let page = s.open("/").await;

    // The board convenes the assembly from its page.
    sign_in(&s, &page, &board).await;
    goto(&page, format!("{}/assemblies/{a}", s.app.url)).await;
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

    // The member signs in: the bell counts the convocation.
    sign_in(&s, &page, &member).await;
    set_value(&page, "#language", "en").await;
    wait_for_bell(&page, "Notifications, 1 unread").await;
    assert_eq!(text(&page, "#bell-count").await.trim(), "1");

    // Home: the assembly is coming; the unread notification waits.
    click(&page, "header nav a[href='/']").await;
    let coming = format!("#home-coming li[data-kind='assembly'][data-assembly-id='{a}']");
    wait_until(
        &page,
        &format!("!!document.querySelector(\"{coming} a[href='/assemblies/{a}']\")"),
        "the assembly under Coming",
    )
    .await;
    assert!(text(&page, &coming).await.contains("Brussels"));
    assert!(text(&page, "#home-waiting-h")
        .await
        .contains("Waiting for you"));
    wait_until(
        &page,
        "!!document.querySelector(\"#home-waiting li[data-kind='notifications'] a[href='/notifications']\")",
        "the unread notification waiting",
    )
    .await;
    assert!(text(&page, "#home-labs")
        .await
        .contains("You are not in a Lab yet."));

    // The board asks the member to hold its proxy: the bell and the home follow, live.
    let asked = s
        .app
        .gql(
            Some(&board.token),
            "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
            json!({ "a": a, "h": member.email }),
        )
        .await;
    assert!(asked["errors"].is_null(), "{asked}");
    wait_for_bell(&page, "Notifications, 2 unread").await;
    let proxy = format!("#home-waiting li[data-kind='proxy'] a[href='/assemblies/{a}/proxy']");
    wait_until(
        &page,
        &format!("!!document.querySelector(\"{proxy}\")"),
        "the proxy under Waiting for you",
    )
    .await;
    assert!(
        text(&page, &proxy)
            .await
            .contains("Board Chair asks you to hold their proxy"),
        "{}",
        text(&page, &proxy).await
    );
    click(&page, &proxy).await;
    wait_until(
        &page,
        "!!document.querySelector('li[data-proxy-id] .accept-proxy')",
        "the proxy to answer",
    )
    .await;

    // The notifications page lists both, newest first, unread.
    click(&page, "#nav-notifications").await;
    let convocation = "#notifications li[data-kind='ASSEMBLY_CONVENED']";
    wait_until(
        &page,
        &format!("document.querySelectorAll('#notifications li.notification').length === 2 && document.querySelector(\"{convocation}\")?.dataset.unread === 'true'"),
        "the two notifications",
    )
    .await;
    assert_eq!(
        page.evaluate("document.querySelector('#notifications li.notification').dataset.kind")
            .await
            .expect("evaluate")
            .into_value::<String>()
            .expect("string"),
        "PROXY_ASKED"
    );
    assert!(text(&page, convocation).await.contains("Unread"));

    // Following the convocation marks it read.
    click(&page, &format!("{convocation} .notification-title a")).await;
    wait_until(
        &page,
        &format!("location.pathname === '/assemblies/{a}'"),
        "the assembly page",
    )
    .await;
    wait_for_bell(&page, "Notifications, 1 unread").await;
    click(&page, "#nav-notifications").await;
    wait_until(
        &page,
        &format!("document.querySelector(\"{convocation}\")?.dataset.unread === 'false'"),
        "the convocation read",
    )
    .await;

    // Mark all read.
    click(&page, "#mark-all-read").await;
    wait_for_bell(&page, "Notifications, none unread").await;
    wait_until(
        &page,
        "[...document.querySelectorAll('#notifications li.notification')].every(l => l.dataset.unread === 'false')",
        "all read",
    )
    .await;
    assert_eq!(s.app.count("notifications WHERE read_at IS NULL").await, 0);

    // Preferences: the convocation stays by e-mail; voting can be turned off.
    wait_until(
        &page,
        "document.querySelector('#pref-assembly-convened')?.disabled === true",
        "the convocation's preference locked",
    )
    .await;
    assert!(text(&page, "#pref-assembly-convened-note")
        .await
        .contains("law"));
    set_value(&page, "#pref-voting-open", "OFF").await;
    wait_until(
        &page,
        "document.querySelector(\"[data-kind='VOTING_OPEN'] .form-note\")?.textContent.includes('saved')",
        "the preference saved",
    )
    .await;
    let prefs = s
        .app
        .gql(
            Some(&member.token),
            "{ notificationPreferences { kind channel } }",
            json!({}),
        )
        .await;
    assert!(
        prefs["data"]["notificationPreferences"]
            .as_array()
            .expect("prefs")
            .iter()
            .any(|p| p["kind"] == "VOTING_OPEN" && p["channel"] == "OFF"),
        "{prefs}"
    );

    // The private calendar address, ready to copy.
    let feed = page
        .evaluate("document.querySelector('#calendar-url')?.value ?? ''")
        .await
        .expect("evaluate")
        .into_value::<String>()
        .expect("string");
    assert!(
        feed.starts_with(&format!("{}/ical/member/", s.app.url)),
        "{feed}"
    );
    let ics = s.app.client.get(&feed).send().await.expect("feed");
    assert!(ics.status().is_success(), "{}", ics.status());
    assert!(ics.text().await.expect("body").contains("BEGIN:VCALENDAR"));

    // In French.
    set_value(&page, "#language", "fr").await;
    wait_for_bell(&page, "Notifications, aucune non lue").await;
    assert_eq!(bell(&page).await, "Notifications, aucune non lue");
    assert_no_csp_violations(&page).await;
}
