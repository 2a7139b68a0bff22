//! Property: over random sequences of requests, grants, partial grants, releases, capacity
//! changes and withdrawals, the ledger balances and the granted total never exceeds the
//! capacity. Runs the domain against the real database of a spawned app.

use constellation_backend::domain::{accounts, resources, resources::requests, Actor, DomainError};
use constellation_backend::entities::{ledger_entry, pool_period, resource_request};
use constellation_shared::dto::resources::{
    PeriodInput, PoolInput, PoolKind, RequestInput, ResourceDecision,
};
use constellation_tests::{spawn_app, TestApp};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

#[derive(Debug, Clone)]
enum Op {
    File(u32),
    Approve(usize),
    Partial(usize, u32),
    Reject(usize),
    Release(usize, u32),
    Capacity(u32),
    Withdraw(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1u32..=20).prop_map(Op::File),
        2 => (0usize..12).prop_map(Op::Approve),
        2 => ((0usize..12), (1u32..=20)).prop_map(|(i, a)| Op::Partial(i, a)),
        1 => (0usize..12).prop_map(Op::Reject),
        2 => ((0usize..12), (1u32..=10)).prop_map(|(i, a)| Op::Release(i, a)),
        1 => (0u32..=60).prop_map(Op::Capacity),
        1 => (0usize..12).prop_map(Op::Withdraw),
    ]
}

async fn actor_of(app: &TestApp, id: &str) -> Actor {
    let u = accounts::find_active(&app.state.env, id.parse().expect("uuid"))
        .await
        .expect("db")
        .expect("user");
    Actor::User(accounts::current_user(&u))
}

struct Ctx {
    board: Actor,
    coordinator: Actor,
    lab: String,
}

async fn run_case(app: &TestApp, c: &Ctx, case: usize, ops: &[Op]) -> Result<(), String> {
    let env = &app.state.env;
    let pool = resources::create_pool(
        env,
        &c.board,
        PoolInput {
            name: format!("Pool {case}"),
            kind: PoolKind::Server,
            unit: "GB".into(),
            scale: 1,
            description: String::new(),
            period: PeriodInput {
                label: "2027".into(),
                starts_on: "2027-01-01".into(),
                ends_on: "2027-12-31".into(),
                capacity: "30".into(),
            },
        },
    )
    .await
    .map_err(|e| format!("{e:?}"))?;
    let period = pool_period::Entity::find()
        .filter(pool_period::Column::PoolId.eq(pool.id))
        .one(&env.db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no period")?;
    let mut filed: Vec<constellation_shared::ids::RequestId> = vec![];
    let pick = |filed: &Vec<constellation_shared::ids::RequestId>, i: usize| {
        filed.get(i % filed.len().max(1)).copied()
    };
    for op in ops {
        let result = match op {
            Op::File(a) => requests::file(
                env,
                &c.coordinator,
                RequestInput {
                    lab_id: c.lab.clone(),
                    project_id: None,
                    period_id: period.id.to_string(),
                    amount: format!("{}.{}", a / 2, (a % 2) * 5),
                    justification: "prop".into(),
                },
            )
            .await
            .map(|r| filed.push(r.id)),
            Op::Approve(i) => match pick(&filed, *i) {
                Some(id) => {
                    requests::decide(env, &c.board, id, ResourceDecision::Approve, None, "ok")
                        .await
                        .map(|_| ())
                }
                None => Ok(()),
            },
            Op::Partial(i, a) => match pick(&filed, *i) {
                Some(id) => requests::decide(
                    env,
                    &c.board,
                    id,
                    ResourceDecision::ApprovePartial,
                    Some(&format!("{a}")),
                    "part",
                )
                .await
                .map(|_| ()),
                None => Ok(()),
            },
            Op::Reject(i) => match pick(&filed, *i) {
                Some(id) => {
                    requests::decide(env, &c.board, id, ResourceDecision::Reject, None, "no")
                        .await
                        .map(|_| ())
                }
                None => Ok(()),
            },
            Op::Release(i, a) => match pick(&filed, *i) {
                Some(id) => requests::release(env, &c.coordinator, id, &format!("{a}"), "back")
                    .await
                    .map(|_| ()),
                None => Ok(()),
            },
            Op::Capacity(cap) => {
                resources::set_capacity(env, &c.board, period.id, &format!("{cap}"))
                    .await
                    .map(|_| ())
            }
            Op::Withdraw(i) => match pick(&filed, *i) {
                Some(id) => requests::withdraw(env, &c.coordinator, id)
                    .await
                    .map(|_| ()),
                None => Ok(()),
            },
        };
        if let Err(DomainError::Internal(e)) = result {
            return Err(format!("{op:?} failed internally: {e}"));
        }
        // The invariants, read back from the database after every step.
        let p = pool_period::Entity::find_by_id(period.id)
            .one(&env.db)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("period gone")?;
        if p.granted > p.capacity || p.granted < 0 {
            return Err(format!(
                "after {op:?}: granted {} capacity {}",
                p.granted, p.capacity
            ));
        }
        let entries = ledger_entry::Entity::find()
            .filter(ledger_entry::Column::PeriodId.eq(period.id))
            .all(&env.db)
            .await
            .map_err(|e| e.to_string())?;
        let ledger: i64 = entries
            .iter()
            .map(|e| {
                if e.kind == constellation_shared::dto::resources::LedgerKind::Grant {
                    e.amount
                } else {
                    -e.amount
                }
            })
            .sum();
        let reqs = resource_request::Entity::find()
            .filter(resource_request::Column::PeriodId.eq(period.id))
            .all(&env.db)
            .await
            .map_err(|e| e.to_string())?;
        let held: i64 = reqs
            .iter()
            .map(|r| r.granted_amount - r.released_amount)
            .sum();
        if ledger != p.granted || held != p.granted {
            return Err(format!(
                "after {op:?}: period granted {}, ledger {ledger}, requests {held}",
                p.granted
            ));
        }
        if reqs
            .iter()
            .any(|r| r.released_amount > r.granted_amount || r.granted_amount > r.amount)
        {
            return Err(format!("after {op:?}: a request holds more than it may"));
        }
    }
    Ok(())
}

#[test]
fn the_ledger_balances_and_never_exceeds_capacity() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (app, ctx) = rt.block_on(async {
        let app = spawn_app().await;
        let board = app.signup("Board").await;
        let coordinator = app.signup("Coordinator").await;
        app.set_roles(&board, &coordinator, json!({ "kind": "EFFECTIVE" }))
            .await;
        let second_board = app.signup("Second board").await;
        app.set_roles(
            &board,
            &second_board,
            json!({ "kind": "EFFECTIVE", "board": true }),
        )
        .await;
        let lab = app
            .active_lab(&coordinator, &board, "prop-lab", "OPEN", "PUBLIC")
            .await;
        let ctx = Ctx {
            board: actor_of(&app, &second_board.id).await,
            coordinator: actor_of(&app, &coordinator.id).await,
            lab,
        };
        (app, ctx)
    });
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let case = std::cell::Cell::new(0);
    let outcome = runner.run(&prop::collection::vec(op(), 1..40), |ops| {
        case.set(case.get() + 1);
        rt.block_on(run_case(&app, &ctx, case.get(), &ops))
            .map_err(TestCaseError::fail)
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
}
