//! Test harness: `spawn_app()` starts the real server on port 0 with a fresh database (a
//! SQLite file, or a uniquely named PostgreSQL database when `CONSTELLATION_TEST_DB=postgres`),
//! plus typed helpers to talk to it.

pub mod assemblies;
pub mod barcamp;
pub mod labs;
pub mod smtp;
pub mod transition;

use constellation_backend::{Application, Config};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use secrecy::SecretString;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123456789";
pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub addr: SocketAddr,
    pub url: String,
    pub client: reqwest::Client,
    /// A direct connection to the app's database, for assertions on what was stored.
    pub db: DatabaseConnection,
    pub config: Config,
    /// The server's own services, for tests that call the domain directly (seed-demo).
    pub state: constellation_backend::AppState,
    _dir: tempfile::TempDir,
}

/// A signed-up account.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub id: String,
    pub email: String,
    pub token: String,
}

/// Which database the suite runs on, from the environment.
pub fn database_kind() -> &'static str {
    match std::env::var("CONSTELLATION_TEST_DB").as_deref() {
        Ok("postgres") => "postgres",
        _ => "sqlite",
    }
}

async fn fresh_postgres() -> anyhow::Result<String> {
    let base = std::env::var("CONSTELLATION_TEST_POSTGRES_URL").map_err(|_| {
        anyhow::anyhow!("CONSTELLATION_TEST_DB=postgres needs CONSTELLATION_TEST_POSTGRES_URL")
    })?;
    let name = format!("ct_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(base.as_str()).await?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await?;
    admin.close().await?;
    let mut url = reqwest::Url::parse(&base)?;
    url.set_path(&format!("/{name}"));
    Ok(url.to_string())
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like `spawn_app`, with the configuration adjusted first.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    try_spawn(adjust).await.expect("spawn_app failed")
}

async fn try_spawn(adjust: impl FnOnce(&mut Config)) -> anyhow::Result<TestApp> {
    constellation_backend::telemetry::init("warn,chromiumoxide=off");
    let dir = tempfile::tempdir()?;
    let database_url = if database_kind() == "postgres" {
        fresh_postgres().await?
    } else {
        format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display())
    };
    let mut config = Config {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.path().to_path_buf(),
        database_url: Some(database_url.clone()),
        jwt_secret: Some(SecretString::from(JWT_SECRET)),
        // Tests run side by side against one PostgreSQL (100 connections in all).
        database_max_connections: 6,
        // Every test registers its accounts from 127.0.0.1; the limit has its own test.
        register_max_per_address: 1_000_000,
        ..Config::default()
    };
    adjust(&mut config);
    let app = Application::build(config.clone()).await?;
    let addr = app.local_addr();
    let state = app.state.clone();
    tokio::spawn(app.serve(std::future::pending()));
    let db = constellation_backend::db::connect_sized(&database_url, Some(3)).await?;
    Ok(TestApp {
        addr,
        url: format!("http://{addr}"),
        client: reqwest::Client::new(),
        db,
        config,
        state,
        _dir: dir,
    })
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A unique address for this test process.
pub fn unique_email(prefix: &str) -> String {
    format!(
        "{prefix}.{}.{}@example.org",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

impl TestApp {
    /// Sends one GraphQL operation; returns the whole response body.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut req = self
            .client
            .post(format!("{}/graphql", self.url))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.expect("request failed");
        resp.json().await.expect("response is not JSON")
    }

    pub async fn register(&self, email: &str, password: &str, name: &str) -> Value {
        self.gql(
            None,
            "mutation($input: RegisterInput!) { register(input: $input) { id email displayName membershipKind isBoard isAdmin language } }",
            json!({ "input": { "email": email, "password": password, "displayName": name } }),
        )
        .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Value {
        self.gql(
            None,
            "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id } } }",
            json!({ "e": email, "p": password }),
        )
        .await
    }

    /// Registers and logs in a new account.
    pub async fn signup(&self, name: &str) -> TestUser {
        let email = unique_email(&name.to_lowercase().replace(' ', "-"));
        let r = self.register(&email, PASSWORD, name).await;
        let id = r["data"]["register"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("register failed: {r}"))
            .to_owned();
        let l = self.login(&email, PASSWORD).await;
        let token = l["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("login failed: {l}"))
            .to_owned();
        TestUser { id, email, token }
    }

    /// Sets roles as `admin`; panics if refused.
    pub async fn set_roles(&self, admin: &TestUser, user: &TestUser, roles: Value) {
        let mut vars = roles;
        vars["id"] = json!(user.id);
        let r = self
            .gql(
                Some(&admin.token),
                "mutation($id: ID!, $kind: MembershipKind, $board: Boolean, $admin: Boolean) { setRoles(userId: $id, membershipKind: $kind, isBoard: $board, isAdmin: $admin) { id } }",
                vars,
            )
            .await;
        assert!(r["errors"].is_null(), "setRoles failed: {r}");
    }

    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("n")
    }
}

/// `errors[0].extensions.code`, if any.
pub fn error_code(resp: &Value) -> Option<&str> {
    resp["errors"][0]["extensions"]["code"].as_str()
}
