//! The Labs directory costs the same number of SQL statements for 10 Labs as for 200:
//! every relation goes through a DataLoader.

use constellation_backend::entities::{
    lab, lab_event, lab_framing, lab_member, project, project_support,
};
use constellation_shared::dto::labs::{
    FramingStatus, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy, ProjectStatus,
};
use constellation_tests::{spawn_app, TestApp, TestUser};
use sea_orm::{EntityTrait, Set};
use serde_json::json;
use uuid::Uuid;

/// A deeper query than the directory page: projects, supports and history with their people.
const DEEP: &str = "query { labs(first: 100) { edges { node { id slug coordinators { id displayName } memberCount projectCount rulesAcknowledgementDue myMembership { role } projects(first: 5) { edges { node { title supportCount supportedByMe proposedBy { displayName } } } } history(first: 3) { edges { node { kind actor { displayName } } } } } } } }";

/// Inserts `n` active Labs, each with a coordinator, two participants, two projects with
/// supports, and history — straight into the database, to keep the setup fast.
async fn seed(app: &TestApp, people: &[TestUser], n: usize) {
    let now = chrono::Utc::now();
    let ids: Vec<Uuid> = people.iter().map(|p| p.id.parse().expect("uuid")).collect();
    let (mut labs, mut framings, mut members, mut projects, mut supports, mut events) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for i in 0..n {
        let id = constellation_shared::ids::LabId::new_v4();
        labs.push(lab::ActiveModel {
            id: Set(id),
            slug: Set(format!("lab-{i:04}")),
            name: Set(format!("Lab {i}")),
            status: Set(LabStatus::Active),
            approved_framing_version: Set(Some(1)),
            pending_framing_version: Set(None),
            acknowledged_rules_version: Set(None),
            visibility: Set(LabVisibility::Public),
            themes_key: Set("|ai|".into()),
            search_text: Set(format!("lab {i}")),
            created_by: Set(ids[0]),
            created_at: Set(now),
            updated_at: Set(now),
        });
        framings.push(lab_framing::ActiveModel {
            lab_id: Set(id),
            version: Set(1),
            status: Set(FramingStatus::Approved),
            themes: Set("[\"ai\"]".into()),
            description: Set("d".into()),
            objectives: Set("o".into()),
            scope_in: Set(String::new()),
            scope_out: Set(String::new()),
            expected_outputs: Set(String::new()),
            start_date: Set(now.date_naive()),
            end_date: Set(now.date_naive()),
            membership_policy: Set(MembershipPolicy::Open),
            participation: Set(String::new()),
            visibility: Set(LabVisibility::Public),
            review_comment: Set(None),
            proposed_by: Set(ids[0]),
            proposed_at: Set(now),
        });
        for (k, uid) in ids.iter().enumerate().take(3) {
            members.push(lab_member::ActiveModel {
                lab_id: Set(id),
                user_id: Set(*uid),
                role: Set(if k == 0 {
                    LabRole::Coordinator
                } else {
                    LabRole::Participant
                }),
                state: Set(MemberState::Active),
                since: Set(now),
            });
        }
        for j in 0..2 {
            let pid = constellation_shared::ids::ProjectId::new_v4();
            projects.push(project::ActiveModel {
                id: Set(pid),
                lab_id: Set(id),
                title: Set(format!("P{j}")),
                description: Set("d".into()),
                goals: Set(String::new()),
                resources_needed: Set(String::new()),
                status: Set(ProjectStatus::Proposed),
                proposed_by: Set(ids[1]),
                created_at: Set(now),
                updated_at: Set(now),
            });
            supports.push(project_support::ActiveModel {
                project_id: Set(pid),
                user_id: Set(ids[2]),
                at: Set(now),
            });
        }
        events.push(lab_event::ActiveModel {
            lab_id: Set(id),
            kind: Set("APPROVED".into()),
            actor_id: Set(Some(ids[0])),
            comment: Set(None),
            framing_version: Set(Some(1)),
            at: Set(now),
            ..Default::default()
        });
    }
    // Chunks keep each INSERT under SQLite's bound-parameter limit.
    for c in labs.chunks(50) {
        lab::Entity::insert_many(c.to_vec())
            .exec_without_returning(&app.db)
            .await
            .expect("labs");
    }
    for c in framings.chunks(40) {
        lab_framing::Entity::insert_many(c.to_vec())
            .exec_without_returning(&app.db)
            .await
            .expect("framings");
    }
    for c in members.chunks(100) {
        lab_member::Entity::insert_many(c.to_vec())
            .exec_without_returning(&app.db)
            .await
            .expect("members");
    }
    for c in projects.chunks(50) {
        project::Entity::insert_many(c.to_vec())
            .exec_without_returning(&app.db)
            .await
            .expect("projects");
    }
    for c in supports.chunks(100) {
        project_support::Entity::insert_many(c.to_vec())
            .exec_without_returning(&app.db)
            .await
            .expect("supports");
    }
    for c in events.chunks(100) {
        lab_event::Entity::insert_many(c.to_vec())
            .exec_without_returning(&app.db)
            .await
            .expect("events");
    }
}

async fn statements(app: &TestApp) -> u64 {
    let m = app
        .client
        .get(format!("{}/metrics", app.url))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    m.lines()
        .find_map(|l| l.strip_prefix("constellation_db_statements_total "))
        .and_then(|n| n.trim().parse().ok())
        .expect("statement counter")
}

/// Statements spent by one page of `query`, and how many Labs it returned.
async fn cost(n: usize, query: &str) -> (u64, usize) {
    let app = spawn_app().await;
    let people = [
        app.signup("A").await,
        app.signup("B").await,
        app.signup("C").await,
    ];
    seed(&app, &people, n).await;
    // Warm up (first use of pooled connections, etc.).
    let vars = json!({ "first": 100 });
    app.gql(Some(&people[1].token), query, vars.clone()).await;
    let before = statements(&app).await;
    let r = app.gql(Some(&people[1].token), query, vars).await;
    let after = statements(&app).await;
    assert!(r["errors"].is_null(), "{r}");
    let edges = r["data"]["labs"]["edges"].as_array().expect("edges");
    assert_eq!(edges[0]["node"]["memberCount"], 3);
    assert_eq!(edges[0]["node"]["projectCount"], 2);
    assert_eq!(edges[0]["node"]["coordinators"][0]["displayName"], "A");
    (after - before, edges.len())
}

#[tokio::test]
async fn the_directory_query_costs_the_same_for_10_and_200_labs() {
    // The document the directory page sends.
    let doc = constellation_shared::queries::labs::LABS;
    let (small, n_small) = cost(10, doc).await;
    let (large, n_large) = cost(200, doc).await;
    assert_eq!((n_small, n_large), (10, 100));
    assert_eq!(
        small, large,
        "statements for 10 Labs: {small}, for a page of 100 out of 200: {large}"
    );
}

#[tokio::test]
async fn deeper_relations_stay_batched() {
    // Users are reached by three paths that resolve at different moments, so the user
    // loader may run one to three batches depending on timing; never one per Lab.
    let (small, _) = cost(10, DEEP).await;
    let (large, _) = cost(200, DEEP).await;
    for c in [small, large] {
        assert!(
            c <= 14,
            "{c} statements (10 Labs: {small}, 100 of 200: {large})"
        );
    }
}
