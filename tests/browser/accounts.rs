//! Journey of the foundation: register → log in → profile → download my data, and the
//! language switch, in the served app.

use crate::support::{click, fill, start, text, wait_until};
use constellation_tests::{unique_email, PASSWORD};
use std::io::Read as _;
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_newcomer_registers_logs_in_sees_their_profile_and_downloads_their_data() {
    let s = start().await;
    let email = unique_email("browser");

    // Register (the app signs the newcomer in and shows the profile).
    let page = s.open("/register").await;
    wait_until(
        &page,
        "!!document.querySelector('#displayName')",
        "the register form",
    )
    .await;
    fill(&page, "#displayName", "Noor Browser").await;
    fill(&page, "#email", &email).await;
    fill(&page, "#password", "short").await;
    click(&page, "form button[type=submit]").await;
    // A bad password is explained next to its field, and nothing is created.
    wait_until(
        &page,
        "document.querySelector('#password').getAttribute('aria-invalid') === 'true'",
        "the password error",
    )
    .await;
    assert!(
        text(&page, "#password-msg").await.contains("10"),
        "{}",
        text(&page, "#password-msg").await
    );
    assert_eq!(s.app.count("users").await, 0);
    page.evaluate("document.querySelector('#password').value = ''")
        .await
        .expect("clear");
    fill(&page, "#password", PASSWORD).await;
    click(&page, "form button[type=submit]").await;
    wait_until(
        &page,
        "location.pathname === '/profile' && !!document.querySelector('#profile-email')",
        "the profile",
    )
    .await;
    assert_eq!(text(&page, "#profile-email").await, email);

    // Log out, then log in again.
    click(&page, "nav button.link").await;
    wait_until(&page, "location.pathname === '/'", "home after logout").await;
    page.goto(format!("{}/login", s.app.url))
        .await
        .expect("goto login");
    wait_until(
        &page,
        "!!document.querySelector('#email')",
        "the login form",
    )
    .await;
    fill(&page, "#email", &email).await;
    fill(&page, "#password", "wrong password!!").await;
    click(&page, "form button[type=submit]").await;
    wait_until(
        &page,
        "document.querySelector('.form-error').textContent.length > 0",
        "the login error",
    )
    .await;
    page.evaluate("document.querySelector('#password').value = ''")
        .await
        .expect("clear");
    fill(&page, "#password", PASSWORD).await;
    click(&page, "form button[type=submit]").await;
    wait_until(
        &page,
        "location.pathname === '/profile' && !!document.querySelector('#profile-email')",
        "the profile after login",
    )
    .await;

    // Download my data: a real zip lands in the download folder.
    click(&page, "#download-data").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let zip_path = loop {
        let found = std::fs::read_dir(s.downloads.path())
            .expect("downloads")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "zip"));
        if let Some(p) = found {
            break p;
        }
        assert!(Instant::now() < deadline, "no zip was downloaded");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let bytes = std::fs::read(&zip_path).expect("zip bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut json = String::new();
    zip.by_name("my-data.json")
        .expect("my-data.json")
        .read_to_string(&mut json)
        .expect("read");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["account"]["email"], email.as_str());
}

#[tokio::test]
async fn the_language_switch_translates_the_app_and_is_kept_on_the_account() {
    let s = start().await;
    let user = s.app.signup("Lang").await;
    let page = s.open("/login").await;
    wait_until(
        &page,
        "!!document.querySelector('#email')",
        "the login form",
    )
    .await;
    fill(&page, "#email", &user.email).await;
    fill(&page, "#password", PASSWORD).await;
    click(&page, "form button[type=submit]").await;
    wait_until(
        &page,
        "location.pathname === '/profile' && !!document.querySelector('h1')",
        "the profile",
    )
    .await;
    // The account was created in French (the default): the page follows the account.
    wait_until(
        &page,
        "document.querySelector('h1').textContent === 'Mon profil'",
        "French profile",
    )
    .await;
    assert_eq!(
        page.evaluate("document.documentElement.lang")
            .await
            .expect("lang")
            .into_value::<String>()
            .expect("s"),
        "fr"
    );
    page.evaluate("(() => { const s = document.querySelector('#language'); s.value = 'en'; s.dispatchEvent(new Event('change')); })()")
        .await
        .expect("switch");
    wait_until(
        &page,
        "document.querySelector('h1').textContent === 'My profile'",
        "English profile",
    )
    .await;
    // Stored on the account.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let me = s
            .app
            .gql(
                Some(&user.token),
                "{ me { language } }",
                serde_json::json!({}),
            )
            .await;
        if me["data"]["me"]["language"] == "EN" {
            break;
        }
        assert!(Instant::now() < deadline, "language not saved: {me}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
