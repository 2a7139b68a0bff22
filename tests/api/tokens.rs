use constellation_tests::{error_code, spawn_app, JWT_SECRET};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::json;

fn forge(claims: serde_json::Value, secret: &[u8], alg: Algorithm) -> String {
    encode(
        &Header::new(alg),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .expect("encode")
}

#[tokio::test]
async fn expired_tampered_and_foreign_tokens_are_refused() {
    let app = spawn_app().await;
    let u = app.signup("Hana").await;
    let now = chrono::Utc::now().timestamp();
    let good = json!({ "sub": u.id, "iss": "constellation", "aud": "constellation-web", "iat": now, "exp": now + 600 });
    // Sanity: a token forged with the right secret and claims works, so the refusals below
    // are about what each one changes.
    let ok = forge(good.clone(), JWT_SECRET.as_bytes(), Algorithm::HS256);
    let me = app.gql(Some(&ok), "{ me { id } }", json!({})).await;
    assert_eq!(me["data"]["me"]["id"], u.id.as_str(), "{me}");

    let mut expired = good.clone();
    expired["exp"] = json!(now - 3600);
    let mut wrong_iss = good.clone();
    wrong_iss["iss"] = json!("someone-else");
    let mut wrong_aud = good.clone();
    wrong_aud["aud"] = json!("another-app");
    let mut no_exp = good.clone();
    no_exp.as_object_mut().expect("object").remove("exp");
    let mut tampered = u.token.clone();
    tampered.pop();
    tampered.push(if u.token.ends_with('A') { 'B' } else { 'A' });
    let bad_tokens = [
        forge(expired, JWT_SECRET.as_bytes(), Algorithm::HS256),
        forge(wrong_iss, JWT_SECRET.as_bytes(), Algorithm::HS256),
        forge(wrong_aud, JWT_SECRET.as_bytes(), Algorithm::HS256),
        forge(no_exp, JWT_SECRET.as_bytes(), Algorithm::HS256),
        forge(
            good.clone(),
            b"another-secret-another-secret-another",
            Algorithm::HS256,
        ),
        forge(good.clone(), JWT_SECRET.as_bytes(), Algorithm::HS512),
        tampered,
        "not.a.token".to_owned(),
    ];
    for t in bad_tokens {
        let me = app.gql(Some(&t), "{ me { id } }", json!({})).await;
        assert_eq!(
            error_code(&me),
            Some("UNAUTHENTICATED"),
            "token {t} gave {me}"
        );
    }
}

#[tokio::test]
async fn an_unsigned_token_is_refused() {
    let app = spawn_app().await;
    let u = app.signup("Ivo").await;
    use base64::Engine as _;
    let encode_url = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let now = chrono::Utc::now().timestamp();
    let header = encode_url(br#"{"alg":"none","typ":"JWT"}"#);
    let claims = encode_url(
        json!({ "sub": u.id, "iss": "constellation", "aud": "constellation-web", "exp": now + 600 })
            .to_string()
            .as_bytes(),
    );
    let token = format!("{header}.{claims}.");
    let me = app.gql(Some(&token), "{ me { id } }", json!({})).await;
    assert_eq!(error_code(&me), Some("UNAUTHENTICATED"), "{me}");
}

const ME: &str = "{ me { id } }";

/// True when the token still opens the account.
async fn works(app: &constellation_tests::TestApp, token: &str) -> bool {
    let r = app.gql(Some(token), ME, json!({})).await;
    r["data"]["me"]["id"].is_string()
}

async fn second_session(app: &constellation_tests::TestApp, email: &str, password: &str) -> String {
    let l = app.login(email, password).await;
    l["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("login: {l}"))
        .to_owned()
}

#[tokio::test]
async fn a_password_change_ends_every_older_session() {
    let app = spawn_app().await;
    let u = app.signup("Ines").await;
    let laptop = u.token.clone();
    let phone = second_session(&app, &u.email, constellation_tests::PASSWORD).await;
    assert!(works(&app, &laptop).await && works(&app, &phone).await);
    let r = app
        .gql(
            Some(&laptop),
            "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }",
            json!({ "c": constellation_tests::PASSWORD, "n": "a brand new passphrase" }),
        )
        .await;
    assert_eq!(r["data"]["changePassword"], true, "{r}");
    assert!(!works(&app, &laptop).await, "the old token is refused");
    assert!(!works(&app, &phone).await, "on every device");
    let r = app.gql(Some(&phone), ME, json!({})).await;
    assert_eq!(error_code(&r), Some("UNAUTHENTICATED"), "{r}");
    let fresh = second_session(&app, &u.email, "a brand new passphrase").await;
    assert!(works(&app, &fresh).await);
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session_and_needs_one() {
    let app = spawn_app().await;
    let u = app.signup("Jules").await;
    let other = second_session(&app, &u.email, constellation_tests::PASSWORD).await;
    let q = "mutation { signOutEverywhere }";
    let r = app.gql(None, q, json!({})).await;
    assert_eq!(error_code(&r), Some("UNAUTHENTICATED"), "{r}");
    let r = app.gql(Some(&u.token), q, json!({})).await;
    assert_eq!(r["data"]["signOutEverywhere"], true, "{r}");
    assert!(!works(&app, &u.token).await);
    assert!(!works(&app, &other).await);
    let fresh = second_session(&app, &u.email, constellation_tests::PASSWORD).await;
    assert!(works(&app, &fresh).await, "signing in again works");
}

#[tokio::test]
async fn a_right_taken_away_ends_the_sessions_a_right_given_keeps_them() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let u = app.signup("Kim").await;
    app.set_roles(&admin, &u, json!({ "kind": "EFFECTIVE", "board": true }))
        .await;
    assert!(works(&app, &u.token).await, "a promotion keeps the session");
    app.set_roles(&admin, &u, json!({ "board": false })).await;
    assert!(!works(&app, &u.token).await, "leaving the board ends it");
    let t = second_session(&app, &u.email, constellation_tests::PASSWORD).await;
    app.set_roles(&admin, &u, json!({ "kind": "ADHERENT" }))
        .await;
    assert!(!works(&app, &t).await, "a lower membership kind ends it");
    assert!(
        works(&app, &admin.token).await,
        "the admin's own session is untouched"
    );
}
