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
