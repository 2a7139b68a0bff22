//! Every GraphQL document the frontend sends, with its variables and response types.
//! A backend test runs each against the real schema (see `tests/api/contract.rs`).

pub mod accounts;

/// All documents, by name, for the contract test.
pub const ALL: &[(&str, &str)] = &[
    ("ME", accounts::ME),
    ("REGISTER", accounts::REGISTER),
    ("LOGIN", accounts::LOGIN),
    ("UPDATE_PROFILE", accounts::UPDATE_PROFILE),
    ("CHANGE_PASSWORD", accounts::CHANGE_PASSWORD),
    ("DELETE_MY_ACCOUNT", accounts::DELETE_MY_ACCOUNT),
];
