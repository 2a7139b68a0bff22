//! The resources documents (`shared::queries::resources`) run against the real schema, each
//! answer decoded into its shared response type.

use crate::contract::send;
use constellation_shared::queries::resources as r;
use constellation_tests::spawn_app;

pub(crate) const RESOURCE_DOCS: &[&str] = &[
    r::CREATE_POOL,
    r::UPDATE_POOL,
    r::ADD_PERIOD,
    r::SET_CAPACITY,
    r::POOLS,
    r::FILE_REQUEST,
    r::EDIT_REQUEST,
    r::WITHDRAW_REQUEST,
    r::DECIDE_REQUEST,
    r::RELEASE,
    r::REQUESTS,
    r::LEDGER,
    r::ALLOCATIONS,
];

#[tokio::test]
async fn every_resources_document_runs_against_the_schema() {
    use constellation_shared::dto::resources::{
        PeriodInput, PoolInput, PoolKind, RequestInput, RequestStatus, ResourceDecision,
    };
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let founder = app.signup("Founder").await;
    app.set_roles(&admin, &founder, serde_json::json!({ "kind": "EFFECTIVE" }))
        .await;
    let lab = app
        .active_lab(&founder, &admin, "resources-lab", "OPEN", "PUBLIC")
        .await;
    let (a, f) = (Some(admin.token.as_str()), Some(founder.token.as_str()));
    let mut tested = Vec::new();
    let pool_of = |x: r::PoolResult| x.into_inner().expect("a pool");
    let req_of = |x: r::RequestResult| x.into_inner().expect("a request");
    let period = |label: &str, capacity: &str| PeriodInput {
        label: label.into(),
        starts_on: "2027-01-01".into(),
        ends_on: "2027-12-31".into(),
        capacity: capacity.into(),
    };

    let p = pool_of(
        send(
            &app,
            a,
            r::CREATE_POOL,
            r::CreatePoolVars {
                input: PoolInput {
                    name: "Budget".into(),
                    kind: PoolKind::Money,
                    unit: "EUR".into(),
                    scale: 2,
                    description: "".into(),
                    period: period("2027", "5000"),
                },
            },
        )
        .await,
    );
    assert_eq!(p.periods[0].capacity, "5000.00");
    tested.push(r::CREATE_POOL);
    let p = pool_of(
        send(
            &app,
            a,
            r::UPDATE_POOL,
            r::UpdatePoolVars {
                pool_id: p.id.clone(),
                name: "Budget 2027".into(),
                description: "Yearly".into(),
            },
        )
        .await,
    );
    tested.push(r::UPDATE_POOL);
    let p = pool_of(
        send(
            &app,
            a,
            r::ADD_PERIOD,
            r::AddPeriodVars {
                pool_id: p.id.clone(),
                input: period("2027-bis", "10"),
            },
        )
        .await,
    );
    assert_eq!(p.periods.len(), 2);
    tested.push(r::ADD_PERIOD);
    let period_id = p.periods[0].id.clone();
    let p = pool_of(
        send(
            &app,
            a,
            r::SET_CAPACITY,
            r::SetCapacityVars {
                period_id: period_id.clone(),
                capacity: "6000".into(),
            },
        )
        .await,
    );
    assert!(p.periods.iter().any(|x| x.capacity == "6000.00"));
    tested.push(r::SET_CAPACITY);
    let pools: r::PoolsData = send(&app, f, r::POOLS, r::PageVars::default()).await;
    assert_eq!(pools.resource_pools.nodes().count(), 1);
    tested.push(r::POOLS);

    let input = |amount: &str| RequestInput {
        lab_id: lab.clone(),
        project_id: None,
        period_id: period_id.clone(),
        amount: amount.into(),
        justification: "Hosting".into(),
    };
    let req = req_of(
        send(
            &app,
            f,
            r::FILE_REQUEST,
            r::FileRequestVars {
                input: input("300"),
            },
        )
        .await,
    );
    assert_eq!(req.status, RequestStatus::Pending);
    tested.push(r::FILE_REQUEST);
    let req = req_of(
        send(
            &app,
            f,
            r::EDIT_REQUEST,
            r::EditRequestVars {
                request_id: req.id.clone(),
                amount: "250".into(),
                justification: "Hosting, less".into(),
            },
        )
        .await,
    );
    assert_eq!(req.amount, "250.00");
    tested.push(r::EDIT_REQUEST);
    let other = req_of(
        send(
            &app,
            f,
            r::FILE_REQUEST,
            r::FileRequestVars { input: input("5") },
        )
        .await,
    );
    let w = req_of(
        send(
            &app,
            f,
            r::WITHDRAW_REQUEST,
            r::RequestIdVars {
                request_id: other.id,
            },
        )
        .await,
    );
    assert_eq!(w.status, RequestStatus::Withdrawn);
    tested.push(r::WITHDRAW_REQUEST);
    let d = req_of(
        send(
            &app,
            a,
            r::DECIDE_REQUEST,
            r::DecideRequestVars {
                request_id: req.id.clone(),
                decision: ResourceDecision::ApprovePartial,
                amount: Some("200".into()),
                reason: "Enough".into(),
            },
        )
        .await,
    );
    assert_eq!(d.granted_amount, "200.00");
    tested.push(r::DECIDE_REQUEST);
    let rel = req_of(
        send(
            &app,
            f,
            r::RELEASE,
            r::ReleaseVars {
                request_id: req.id.clone(),
                amount: "50".into(),
                note: "Unused".into(),
            },
        )
        .await,
    );
    assert_eq!(rel.released_amount, "50.00");
    tested.push(r::RELEASE);
    let list: r::RequestsData = send(
        &app,
        a,
        r::REQUESTS,
        r::RequestsVars {
            lab_id: Some(lab.clone()),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(list.resource_requests.nodes().count(), 2);
    tested.push(r::REQUESTS);
    let ledger: r::LedgerData = send(&app, f, r::LEDGER, r::LedgerVars::default()).await;
    assert_eq!(ledger.ledger.nodes().count(), 2);
    tested.push(r::LEDGER);
    let totals: r::AllocationsData = send(
        &app,
        f,
        r::ALLOCATIONS,
        constellation_shared::graphql::NoVars {},
    )
    .await;
    assert_eq!(totals.allocation_totals[0].granted, "150.00");
    tested.push(r::ALLOCATIONS);

    assert_eq!(tested, RESOURCE_DOCS);
}
