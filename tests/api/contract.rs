//! Every document the frontend sends (`shared::queries`) runs against the real schema and
//! its answer decodes into the shared response type. Each context's `contract.rs` runs its
//! own documents (with `send` below); this file checks that together they cover them all.

use constellation_shared::graphql::Response;
use constellation_shared::queries;
use constellation_tests::TestApp;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Sends a shared document and decodes the answer into its shared type, asserting there was
/// no error.
pub(crate) async fn send<V: Serialize, D: DeserializeOwned>(
    app: &TestApp,
    token: Option<&str>,
    doc: &str,
    vars: V,
) -> D {
    let raw = app
        .gql(token, doc, serde_json::to_value(vars).expect("vars"))
        .await;
    let resp: Response<D> =
        serde_json::from_value(raw.clone()).unwrap_or_else(|e| panic!("{doc}: {e}: {raw}"));
    assert!(resp.errors.is_empty(), "{doc}: {raw}");
    resp.data.unwrap_or_else(|| panic!("{doc}: no data: {raw}"))
}

#[test]
fn the_contract_tests_cover_every_document() {
    for (name, doc) in queries::ALL {
        assert!(
            crate::accounts::contract::ACCOUNT_DOCS.contains(doc)
                || crate::labs::contract::LAB_DOCS.contains(doc)
                || crate::resources::contract::RESOURCE_DOCS.contains(doc)
                || crate::barcamp::contract::BARCAMP_DOCS.contains(doc)
                || crate::assemblies::contract::ASSEMBLY_DOCS.contains(doc)
                || crate::reach::contract::REACH_DOCS.contains(doc)
                || crate::accounts::contract::RECOVERY_DOCS.contains(doc)
                || crate::members::contract::MEMBER_DOCS.contains(doc)
                || crate::transition::contract::TRANSITION_DOCS.contains(doc)
                || crate::transition::board_contract::TRANSITION_BOARD_DOCS.contains(doc)
                || crate::assemblies::room_counts::ROOM_COUNT_DOCS.contains(doc)
                || crate::assemblies::elections::ELECTION_DOCS.contains(doc)
                || crate::assemblies::elections::BOX_DOCS.contains(doc)
                || crate::polls::contract::POLL_DOCS.contains(doc),
            "document {name} is not exercised by a contract test"
        );
    }
}
