//! Account documents: register, log in, read and edit the profile, delete the account.

use crate::dto::accounts::{Me, ProfileInput, RegisterInput, Session};
use serde::{Deserialize, Serialize};

#[cfg(test)]
const ME_FIELDS: &str = "id email displayName membershipKind isBoard isAdmin language";

macro_rules! doc {
    ($($part:expr),+ $(,)?) => { concat!($($part),+) };
}

/// Kept in one literal per document so the text sent is exactly what is tested.
pub const ME: &str = doc!(
    "query Me { me { ",
    "id email displayName membershipKind isBoard isAdmin language",
    " } }"
);

#[derive(Debug, Clone, Deserialize)]
pub struct MeData {
    pub me: Option<Me>,
}

pub const REGISTER: &str = doc!(
    "mutation Register($input: RegisterInput!) { register(input: $input) { ",
    "id email displayName membershipKind isBoard isAdmin language",
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct RegisterVars {
    pub input: RegisterInput,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RegisterData {
    pub register: Me,
}

pub const LOGIN: &str = doc!(
    "mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token user { ",
    "id email displayName membershipKind isBoard isAdmin language",
    " } } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct LoginVars {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LoginData {
    pub login: Session,
}

pub const UPDATE_PROFILE: &str = doc!(
    "mutation UpdateProfile($input: ProfileInput!) { updateProfile(input: $input) { ",
    "id email displayName membershipKind isBoard isAdmin language",
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct UpdateProfileVars {
    pub input: ProfileInput,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateProfileData {
    pub update_profile: Me,
}

pub const CHANGE_PASSWORD: &str = "mutation ChangePassword($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordVars {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordData {
    pub change_password: bool,
}

pub const DELETE_MY_ACCOUNT: &str =
    "mutation DeleteMyAccount($password: String!) { deleteMyAccount(password: $password) }";

#[derive(Debug, Clone, Serialize)]
pub struct DeleteMyAccountVars {
    pub password: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteMyAccountData {
    pub delete_my_account: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_select_every_field_of_me() {
        for doc in [ME, REGISTER, LOGIN, UPDATE_PROFILE] {
            assert!(doc.contains(ME_FIELDS), "{doc}");
        }
    }
}
