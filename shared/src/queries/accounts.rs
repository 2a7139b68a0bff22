//! Account documents: register, log in, read and edit the profile, delete the account.

use crate::dto::accounts::{Me, ProfileInput, RegisterInput, Session};
use serde::{Deserialize, Serialize};

#[cfg(test)]
const ME_FIELDS: &str =
    "id email displayName membershipKind isBoard isAdmin language emailVerified";

macro_rules! doc {
    ($($part:expr),+ $(,)?) => { concat!($($part),+) };
}

/// Kept in one literal per document so the text sent is exactly what is tested.
pub const ME: &str = doc!(
    "query Me { me { ",
    "id email displayName membershipKind isBoard isAdmin language emailVerified",
    " } }"
);

#[derive(Debug, Clone, Deserialize)]
pub struct MeData {
    pub me: Option<Me>,
}

pub const REGISTER: &str = doc!(
    "mutation Register($input: RegisterInput!) { register(input: $input) { ",
    "id email displayName membershipKind isBoard isAdmin language emailVerified",
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
    "id email displayName membershipKind isBoard isAdmin language emailVerified",
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
    "id email displayName membershipKind isBoard isAdmin language emailVerified",
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

// Password reset and e-mail verification (the pages the mails link to).

pub const REQUEST_PASSWORD_RESET: &str =
    "mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }";

#[derive(Debug, Clone, Serialize)]
pub struct RequestPasswordResetVars {
    pub email: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestPasswordResetData {
    pub request_password_reset: bool,
}

pub const RESET_PASSWORD: &str = "mutation ResetPassword($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResetPasswordVars {
    pub token: String,
    pub new_password: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResetPasswordData {
    pub reset_password: bool,
}

pub const VERIFY_EMAIL: &str =
    "mutation VerifyEmail($token: String!) { verifyEmail(token: $token) }";

#[derive(Debug, Clone, Serialize)]
pub struct VerifyEmailVars {
    pub token: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyEmailData {
    pub verify_email: bool,
}

pub const RESEND_VERIFICATION: &str = "mutation ResendVerification { resendVerification }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResendVerificationData {
    pub resend_verification: bool,
}

// The outbox: the sending record of a subject (board), failures and retries (admins).

/// Where a mail stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MailStatus {
    Pending,
    Sent,
    Failed,
}

/// One mail of the outbox (never its body).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailDelivery {
    pub id: String,
    pub recipient: String,
    pub user: Option<MailRecipient>,
    pub kind: String,
    pub subject: String,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub status: MailStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: String,
    pub next_attempt_at: Option<String>,
    pub sent_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailRecipient {
    pub id: String,
    pub display_name: String,
}

pub const MAIL_DELIVERIES: &str = doc!(
    "query MailDeliveries($subjectType: String!, $subjectId: String!, $first: Int, $after: String) { ",
    "mailDeliveries(subjectType: $subjectType, subjectId: $subjectId, first: $first, after: $after) { edges { node { ",
    "id recipient user { id displayName } kind subject subjectType subjectId status attempts lastError createdAt nextAttemptAt sentAt",
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MailDeliveriesVars {
    pub subject_type: String,
    pub subject_id: String,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailDeliveriesData {
    pub mail_deliveries: crate::dto::Connection<MailDelivery>,
}

pub const MAIL_FAILURES: &str = doc!(
    "query MailFailures($first: Int, $after: String) { mailFailures(first: $first, after: $after) { edges { node { ",
    "id recipient user { id displayName } kind subject subjectType subjectId status attempts lastError createdAt nextAttemptAt sentAt",
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct MailFailuresVars {
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailFailuresData {
    pub mail_failures: crate::dto::Connection<MailDelivery>,
}

pub const RETRY_MAIL: &str = doc!(
    "mutation RetryMail($id: ID!) { retryMail(id: $id) { ",
    "id recipient user { id displayName } kind subject subjectType subjectId status attempts lastError createdAt nextAttemptAt sentAt",
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct RetryMailVars {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryMailData {
    pub retry_mail: MailDelivery,
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
