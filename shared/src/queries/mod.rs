//! Every GraphQL document the frontend sends, with its variables and response types.
//! A backend test runs each against the real schema (see `tests/api/contract.rs`).

pub mod accounts;
pub mod labs;
pub mod resources;

/// All documents, by name, for the contract test.
pub const ALL: &[(&str, &str)] = &[
    ("ME", accounts::ME),
    ("REGISTER", accounts::REGISTER),
    ("LOGIN", accounts::LOGIN),
    ("UPDATE_PROFILE", accounts::UPDATE_PROFILE),
    ("CHANGE_PASSWORD", accounts::CHANGE_PASSWORD),
    ("DELETE_MY_ACCOUNT", accounts::DELETE_MY_ACCOUNT),
    ("LABS", labs::LABS),
    ("LAB", labs::LAB),
    ("REVIEW_QUEUE", labs::REVIEW_QUEUE),
    ("PROPOSE_LAB", labs::PROPOSE_LAB),
    ("RESUBMIT_LAB", labs::RESUBMIT_LAB),
    ("PROPOSE_FRAMING_CHANGE", labs::PROPOSE_FRAMING_CHANGE),
    ("REVIEW_LAB", labs::REVIEW_LAB),
    ("ARCHIVE_LAB", labs::ARCHIVE_LAB),
    ("ACKNOWLEDGE_RULES", labs::ACKNOWLEDGE_RULES),
    ("JOIN_LAB", labs::JOIN_LAB),
    ("LEAVE_LAB", labs::LEAVE_LAB),
    ("DECIDE_JOIN_REQUEST", labs::DECIDE_JOIN_REQUEST),
    ("INVITE_TO_LAB", labs::INVITE_TO_LAB),
    ("SET_LAB_ROLE", labs::SET_LAB_ROLE),
    ("PROPOSE_PROJECT", labs::PROPOSE_PROJECT),
    ("SUPPORT_PROJECT", labs::SUPPORT_PROJECT),
    ("SET_PROJECT_STATUS", labs::SET_PROJECT_STATUS),
    ("PROJECT", labs::PROJECT),
    ("COMMON_RULES", labs::COMMON_RULES),
    ("PUBLISH_COMMON_RULES", labs::PUBLISH_COMMON_RULES),
    ("POOLS", resources::POOLS),
    ("CREATE_POOL", resources::CREATE_POOL),
    ("UPDATE_POOL", resources::UPDATE_POOL),
    ("ADD_PERIOD", resources::ADD_PERIOD),
    ("SET_CAPACITY", resources::SET_CAPACITY),
    ("FILE_REQUEST", resources::FILE_REQUEST),
    ("EDIT_REQUEST", resources::EDIT_REQUEST),
    ("WITHDRAW_REQUEST", resources::WITHDRAW_REQUEST),
    ("DECIDE_REQUEST", resources::DECIDE_REQUEST),
    ("RELEASE", resources::RELEASE),
    ("REQUESTS", resources::REQUESTS),
    ("LEDGER", resources::LEDGER),
    ("ALLOCATIONS", resources::ALLOCATIONS),
];
