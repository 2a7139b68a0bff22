//! Journeys of the reach issue. The board convenes an assembly; the member's bell counts the
//! convocation and keeps counting live; the home lists the assembly under "Coming" and the
//! proxy asked of them under "Waiting for you"; the notifications page lists them, marks
//! them read when followed or all at once, and keeps the member's preferences and calendar.
//! The board invites a member from the register (a bad line refuses the list), she follows
//! the link of the delivered mail and sets a password, the board makes her effective and
//! records her admission, the audit log shows it, and the convocation's sending record and
//! her bell show the convocation. A member confirms their address and resets a forgotten
//! password from the mailed links.

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
    let unread = s
        .app
        .gql(
            Some(&member.token),
            "{ unreadNotificationCount }",
            json!({}),
        )
        .await;
    assert_eq!(unread["data"]["unreadNotificationCount"], 0, "{unread}");

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

/// The token of the link to `path` (`/invitation`, `/reset-password`) in the newest mail
/// delivered to `email`. With no SMTP server configured the app delivers each mail as an
/// `.eml` file in `<data_dir>/outbox/` (the outbox row forgets a token once sent): the
/// test reads what was delivered, as the member's mailbox would.
async fn mailed_token(app: &constellation_tests::TestApp, email: &str, path: &str) -> String {
    use mail_parser::MessageParser;
    let dir = app.config.data_dir.join("outbox");
    let marker = format!("{path}?token=");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let mut found: Vec<(std::time::SystemTime, String)> = Vec::new();
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let file = entry.path();
            if file.extension().is_none_or(|x| x != "eml") {
                continue;
            }
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            let Some(mail) = MessageParser::default().parse(&bytes) else {
                continue;
            };
            let to_her = mail.to().and_then(|a| a.as_list()).is_some_and(|l| {
                l.iter()
                    .any(|a| a.address().is_some_and(|x| x.eq_ignore_ascii_case(email)))
            });
            let text = mail
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default();
            if let (true, Some(at)) = (to_her, text.find(&marker)) {
                let token = text[at + marker.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_hexdigit())
                    .collect();
                let when = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(std::time::UNIX_EPOCH);
                found.push((when, token));
            }
        }
        if let Some((_, token)) = found.into_iter().max_by_key(|(when, _)| *when) {
            return token;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no mail with a link to {path} delivered to {email} in {}",
            dir.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_board_invites_a_member_who_joins_and_is_made_effective() {
    let s = start().await;
    // The first account is the platform's admin; a board member who is not keeps the register.
    let admin = s.app.signup("Platform Admin").await;
    let board = s.app.signup("Board Chair").await;
    s.app
        .set_roles(
            &admin,
            &board,
            json!({ "kind": "EFFECTIVE", "board": true }),
        )
        .await;
    let email = constellation_tests::unique_email("nadia");
    let page = s.open("/").await;

    // The board invites her from the members page; a bad line first refuses the list.
    sign_in(&s, &page, &board).await;
    set_value(&page, "#language", "en").await;
    click(&page, "#nav-members").await;
    wait_until(
        &page,
        "!!document.querySelector('#invite-list')",
        "the invitation form",
    )
    .await;
    set_value(
        &page,
        "#invite-list",
        &format!("name,email,kind\nNadia Newcomer, {email}, adherent\nnot an address"),
    )
    .await;
    click(&page, "#invite-submit").await;
    wait_until(
        &page,
        "!!document.querySelector('#invite-problems li[data-line=\"3\"]')",
        "the refused line reported",
    )
    .await;
    assert!(text(&page, "#invite-problems").await.contains("Line 3"));
    assert_eq!(s.app.count("outbox_mails WHERE kind = 'INVITE'").await, 0);
    set_value(
        &page,
        "#invite-list",
        &format!("name,email,kind\nNadia Newcomer, {email}, adherent"),
    )
    .await;
    click(&page, "#invite-submit").await;
    wait_until(
        &page,
        "document.querySelector('#invite-sent')?.textContent.includes('1')",
        "the invitation sent",
    )
    .await;
    wait_until(
        &page,
        &format!("document.querySelector('#invitations li[data-email=\"{email}\"]')?.dataset.status === 'PENDING'"),
        "the invitation listed",
    )
    .await;

    // She follows the link from the mail, chooses a password and is signed in.
    let token = mailed_token(&s.app, &email, "/invitation").await;
    page.evaluate("localStorage.clear()").await.expect("clear");
    goto(&page, format!("{}/invitation?token={token}", s.app.url)).await;
    wait_until(
        &page,
        &format!(
            "document.querySelector('#invitation-for')?.textContent.includes({})",
            json!(email)
        ),
        "whom the invitation is for",
    )
    .await;
    let name = page
        .evaluate("document.querySelector('#displayName').value")
        .await
        .expect("evaluate")
        .into_value::<String>()
        .expect("string");
    assert_eq!(name, "Nadia Newcomer");
    crate::support::fill(&page, "#password", constellation_tests::PASSWORD).await;
    click(&page, "#accept-invitation").await;
    wait_until(
        &page,
        "location.pathname === '/' && !!document.querySelector('#home-waiting') && !!document.querySelector('#nav-notifications')",
        "signed in at home",
    )
    .await;
    // The link worked once.
    goto(&page, format!("{}/invitation?token={token}", s.app.url)).await;
    wait_until(
        &page,
        "!!document.querySelector('#invitation-problem')",
        "the used link refused",
    )
    .await;

    // The board makes her an effective member and records her admission.
    sign_in(&s, &page, &board).await;
    click(&page, "#nav-members").await;
    wait_until(
        &page,
        "!!document.querySelector('#member-search')",
        "the register",
    )
    .await;
    set_value(&page, "#member-search", "Nadia").await;
    let row = "#members li.member-entry[data-kind='ADHERENT']";
    wait_until(
        &page,
        &format!("document.querySelectorAll('#members li.member-entry').length === 1 && !!document.querySelector(\"{row}\")"),
        "her row",
    )
    .await;
    // The board changes kinds; the board and admin roles stay with the admins.
    assert!(text(&page, "#roles-admin-only")
        .await
        .contains("administrators"));
    wait_until(
        &page,
        &format!("!document.querySelector(\"{row} .member-board\")"),
        "no role flags for the board",
    )
    .await;
    set_value(&page, &format!("{row} .member-kind-select"), "EFFECTIVE").await;
    click(&page, &format!("{row} .save-roles")).await;
    let row = "#members li.member-entry[data-kind='EFFECTIVE']";
    wait_until(
        &page,
        &format!("!!document.querySelector(\"{row}\")"),
        "her made effective",
    )
    .await;
    click(&page, &format!("{row} details.edit-entry summary")).await;
    set_value(
        &page,
        &format!("{row} textarea[name='address']"),
        "Rue de la Loi 16, 1000 Bruxelles",
    )
    .await;
    set_value(
        &page,
        &format!("{row} input[name='admittedOn']"),
        "2026-01-15",
    )
    .await;
    click(&page, &format!("{row} .save-entry")).await;
    wait_until(
        &page,
        &format!("document.querySelector(\"{row} .entry-form .form-note\")?.textContent.includes('saved')"),
        "the entry saved",
    )
    .await;
    assert!(text(&page, row).await.contains("2026-01-15"));
    let list = s
        .app
        .gql(
            Some(&board.token),
            "query($f: MemberFilter) { members(filter: $f) { edges { node { user { email membershipKind } address admittedOn } } } }",
            json!({ "f": { "search": "Nadia" } }),
        )
        .await;
    let node = &list["data"]["members"]["edges"][0]["node"];
    assert_eq!(node["user"]["email"], email.as_str(), "{list}");
    assert_eq!(node["user"]["membershipKind"], "EFFECTIVE");
    assert_eq!(node["admittedOn"], "2026-01-15");

    // The audit log shows what the board did.
    click(&page, "#nav-audit").await;
    wait_until(
        &page,
        "!!document.querySelector('#audit-action')",
        "the audit log",
    )
    .await;
    set_value(&page, "#audit-action", "account.set_roles").await;
    wait_until(
        &page,
        "document.querySelectorAll('#audit tr.audit-entry').length > 0 && [...document.querySelectorAll('#audit tr.audit-entry')].every(r => r.dataset.action.startsWith('account.set_roles'))",
        "the role change in the audit log",
    )
    .await;

    // Convened, the assembly shows the board the sending record of its convocation.
    let (a, _) = s.app.draft_assembly(&board).await;
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
        &format!("!!document.querySelector('#deliveries tr.delivery[data-recipient=\"{email}\"]')"),
        "her convocation in the sending record",
    )
    .await;
    // She hears of it: the bell, the notifications page and the home.
    let nadia = constellation_tests::TestUser {
        id: String::new(),
        email: email.clone(),
        token: String::new(),
    };
    sign_in(&s, &page, &nadia).await;
    wait_until(
        &page,
        "Number(document.querySelector('#nav-notifications')?.dataset.unread) >= 1",
        "her bell counting the convocation",
    )
    .await;
    click(&page, "#nav-notifications").await;
    wait_until(
        &page,
        &format!("!!document.querySelector(\"#notifications li[data-kind='ASSEMBLY_CONVENED'] a[href='/assemblies/{a}']\")"),
        "the convocation in her notifications",
    )
    .await;
    click(&page, "header nav a[href='/']").await;
    wait_until(
        &page,
        &format!("!!document.querySelector(\"#home-coming li[data-assembly-id='{a}']\")"),
        "the assembly on her home",
    )
    .await;
    assert_no_csp_violations(&page).await;
}

#[tokio::test]
async fn a_member_confirms_their_address_and_sets_a_new_password_from_the_mailed_links() {
    let s = start().await;
    let member = s.app.signup("Forgetful Member").await;
    // The link mailed at registration confirms the address.
    let verify = mailed_token(&s.app, &member.email, "/verify-email").await;
    let page = s.open(&format!("/verify-email?token={verify}")).await;
    wait_until(
        &page,
        "document.querySelector('#verify-outcome')?.textContent.includes('confirmed')",
        "the address confirmed",
    )
    .await;
    let me = s
        .app
        .gql(Some(&member.token), "{ me { emailVerified } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["emailVerified"], true, "{me}");

    // Forgot the password: the login page leads to a reset link by mail.
    goto(&page, format!("{}/login", s.app.url)).await;
    wait_until(
        &page,
        "!!document.querySelector('#forgot-password')",
        "the login page",
    )
    .await;
    click(&page, "#forgot-password").await;
    wait_until(
        &page,
        "!!document.querySelector('#reset-request-form #email')",
        "the request form",
    )
    .await;
    crate::support::fill(&page, "#email", &member.email).await;
    click(&page, "#reset-request").await;
    wait_until(
        &page,
        "document.querySelector('#reset-request-form .form-note')?.textContent.length > 0",
        "the request acknowledged",
    )
    .await;
    let token = mailed_token(&s.app, &member.email, "/reset-password").await;
    goto(&page, format!("{}/reset-password?token={token}", s.app.url)).await;
    wait_until(
        &page,
        "!!document.querySelector('#newPassword')",
        "the new password form",
    )
    .await;
    crate::support::fill(&page, "#newPassword", "a brand new passphrase").await;
    click(&page, "#reset-submit").await;
    wait_until(
        &page,
        "!!document.querySelector('#reset-done')",
        "the password changed",
    )
    .await;
    let login = s.app.login(&member.email, "a brand new passphrase").await;
    assert!(login["errors"].is_null(), "{login}");
    assert_no_csp_violations(&page).await;
}
