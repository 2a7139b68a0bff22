//! Fuzzing the GraphQL endpoint with the server's real limits. Two generators over the
//! schema's own SDL: one follows the types (fields of the right type, arguments with values of
//! their type, variables declared and sent, fragments, directives) so that requests reach the
//! resolvers; the other mixes the schema's names at random with values, stray tokens,
//! fragments that spread each other, directives and variables. Documents are then perhaps cut
//! short or given a stray token, and raw noise and odd bodies (batches, non-requests) are
//! sent too.
//!
//! Every request must be answered within a few seconds with a GraphQL JSON response (200 or
//! 400) whose errors all carry a code, none `INTERNAL`; afterwards the server still answers.
//! A fixed seed and no persistence file: the same 300 cases on every run (seconds).
//!
//! Files: `schema` (the SDL read), `typed` and `loose` (the two generators); here, the
//! cases (damage, bodies) and the check.

mod loose;
mod schema;
mod typed;

use constellation_tests::{spawn_app, TestApp};
use loose::{json_value, loose_document, variable_name, TOKENS};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use schema::{sdl, Sdl};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use typed::typed_request;

const CASES: u32 = 300;
const SEED: u64 = 0x00c0_5e11_a710_f022;
const PER_REQUEST: Duration = Duration::from_secs(5);

// ---------------------------------------------------------------------------------------
// Cases.

/// The nearest char boundary at or below `i` (`str::floor_char_boundary` is newer than the
/// workspace's minimum Rust).
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Mostly as generated; sometimes cut short, or with a stray token dropped in.
fn damaged(request: BoxedStrategy<(String, Value)>) -> BoxedStrategy<(String, Value)> {
    let damage = prop_oneof![
        8 => Just(None),
        2 => (any::<prop::sample::Index>(), prop::option::of(select(TOKENS))).prop_map(Some),
    ];
    (request, damage)
        .prop_map(|((doc, variables), damage)| {
            let Some((at, token)) = damage else {
                return (doc, variables);
            };
            let at = floor_boundary(&doc, at.index(doc.len() + 1));
            let doc = match token {
                None => doc[..at].to_owned(),
                Some(t) => format!("{}{t}{}", &doc[..at], &doc[at..]),
            };
            (doc, variables)
        })
        .boxed()
}

#[derive(Clone, Debug)]
struct Case {
    body: Value,
    signed_in: bool,
}

fn case(v: Arc<Sdl>) -> BoxedStrategy<Case> {
    let loose_variables = prop_oneof![
        6 => prop::collection::btree_map(variable_name(), json_value(&v), 0..5)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        1 => json_value(&v),
    ];
    let noise = prop_oneof![
        "\\PC{0,200}",
        any::<Vec<u8>>().prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ];
    let request = prop_oneof![
        6 => damaged(typed_request(v.clone())),
        3 => damaged((loose_document(&v), loose_variables.clone()).boxed()),
        1 => (noise, loose_variables).boxed(),
    ];
    let request = (request, prop::option::weighted(0.05, "[A-Z][a-z]{0,6}")).prop_map(
        |((query, variables), operation)| {
            let mut body = json!({ "query": query, "variables": variables });
            if let Some(op) = operation {
                body["operationName"] = json!(op);
            }
            body
        },
    );
    let body = prop_oneof![
        20 => request.clone(),
        1 => prop::collection::vec(request, 0..4).prop_map(Value::Array),
        1 => json_value(&v),
    ];
    (body, prop::bool::weighted(0.7))
        .prop_map(|(body, signed_in)| Case { body, signed_in })
        .boxed()
}

/// One request: answered in time, a GraphQL JSON response, every error coded, none internal.
async fn check(app: &TestApp, token: &str, case: &Case) -> Result<(), String> {
    let mut req = app
        .client
        .post(format!("{}/graphql", app.url))
        .json(&case.body);
    if case.signed_in {
        req = req.bearer_auth(token);
    }
    let answered = async {
        let resp = req.send().await?;
        let status = resp.status();
        Ok::<_, reqwest::Error>((status, resp.text().await?))
    };
    let (status, text) = tokio::time::timeout(PER_REQUEST, answered)
        .await
        .map_err(|_| format!("no answer within {PER_REQUEST:?}"))?
        .map_err(|e| format!("the connection failed: {e}"))?;
    if status != 200 && status != 400 {
        return Err(format!("status {status}: {text}"));
    }
    let answer: Value =
        serde_json::from_str(&text).map_err(|e| format!("not JSON ({e}): {text}"))?;
    let responses = match answer {
        Value::Array(list) => list,
        one => vec![one],
    };
    for r in &responses {
        let Some(object) = r.as_object() else {
            return Err(format!("not a GraphQL response: {text}"));
        };
        if !object.contains_key("data") && !object.contains_key("errors") {
            return Err(format!("neither data nor errors: {text}"));
        }
        for e in r["errors"].as_array().into_iter().flatten() {
            match e["extensions"]["code"].as_str() {
                None => return Err(format!("an error without a code: {text}")),
                Some("INTERNAL") => return Err(format!("an internal error: {text}")),
                Some(_) => {}
            }
        }
    }
    Ok(())
}

#[test]
fn arbitrary_documents_and_variables_are_answered() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (app, token) = rt.block_on(async {
        let app = spawn_app().await;
        // The first account is admin and board: signed-in cases reach the guarded resolvers.
        let admin = app.signup("Fuzz admin").await;
        (app, admin.token)
    });
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(SEED),
        max_shrink_iters: 200,
        max_shrink_time: 30_000,
        ..Config::default()
    });
    let outcome = runner.run(&case(Arc::new(sdl())), |c| {
        rt.block_on(check(&app, &token, &c))
            .map_err(TestCaseError::fail)
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
    rt.block_on(async {
        let r = app.gql(None, "{ __typename }", json!({})).await;
        assert_eq!(r["data"]["__typename"], "QueryRoot", "{r}");
        let r = app
            .gql(Some(&token), "{ me { displayName } }", json!({}))
            .await;
        // Still signed in (the walk may have renamed the account).
        assert!(r["data"]["me"]["displayName"].is_string(), "{r}");
    });
}
