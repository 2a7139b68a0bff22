//! Reaching the members: the notifications (list, unread count, marking read, preferences,
//! the live bell), the private calendar feed, and the member's home.

use crate::dto::assemblies::{AssemblySummary, ProxyStatus};
use crate::dto::barcamp::EditionSummary;
use crate::dto::labs::PersonRef;
use crate::dto::reach::{NotificationChannel, NotificationKind};
use crate::dto::Connection;
use serde::{Deserialize, Serialize};

macro_rules! notification {
    () => {
        "id kind title body link createdAt readAt"
    };
}

macro_rules! lab_ref {
    () => {
        "{ id slug name }"
    };
}

/// One notification, in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: String,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// The app's path to what it is about.
    pub link: String,
    pub created_at: String,
    pub read_at: Option<String>,
}

impl Notification {
    pub fn unread(&self) -> bool {
        self.read_at.is_none()
    }
}

pub const NOTIFICATIONS: &str = concat!(
    "query Notifications($first: Int, $after: String, $unreadOnly: Boolean) { ",
    "notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { edges { node { ",
    notification!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationsVars {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub unread_only: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NotificationsData {
    pub notifications: Connection<Notification>,
}

pub const UNREAD_NOTIFICATION_COUNT: &str =
    "query UnreadNotificationCount { unreadNotificationCount }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnreadNotificationCountData {
    pub unread_notification_count: i32,
}

/// How the member hears of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationPreference {
    pub kind: NotificationKind,
    pub channel: NotificationChannel,
    /// The law requires it (the convocation): always by e-mail.
    pub mandatory: bool,
}

/// The notifications page's settings: a preference per kind and the private calendar feed.
pub const NOTIFICATION_SETTINGS: &str = "query NotificationSettings { notificationPreferences { kind channel mandatory } myCalendarFeed }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationSettingsData {
    pub notification_preferences: Vec<NotificationPreference>,
    /// A path: the page's origin goes in front.
    pub my_calendar_feed: String,
}

pub const MARK_NOTIFICATIONS_READ: &str =
    "mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) }";

#[derive(Debug, Clone, Serialize)]
pub struct MarkNotificationsReadVars {
    pub ids: Vec<String>,
}

/// The unread count after the change.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkNotificationsReadData {
    pub mark_notifications_read: i32,
}

pub const MARK_ALL_NOTIFICATIONS_READ: &str =
    "mutation MarkAllNotificationsRead { markAllNotificationsRead }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkAllNotificationsReadData {
    pub mark_all_notifications_read: i32,
}

pub const SET_NOTIFICATION_PREFERENCE: &str = "mutation SetNotificationPreference($kind: NotificationKind!, $channel: NotificationChannel!) { setNotificationPreference(kind: $kind, channel: $channel) { kind channel mandatory } }";

#[derive(Debug, Clone, Serialize)]
pub struct SetNotificationPreferenceVars {
    pub kind: NotificationKind,
    pub channel: NotificationChannel,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetNotificationPreferenceData {
    pub set_notification_preference: NotificationPreference,
}

/// The bell, over the WebSocket: the unread count and the newest notification, each time
/// one arrives or is read.
pub const NOTIFICATION_ADDED: &str = concat!(
    "subscription NotificationAdded { notificationAdded { unreadCount latest { ",
    notification!(),
    " } } }"
);

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationSignal {
    pub unread_count: i32,
    pub latest: Option<Notification>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationAddedData {
    pub notification_added: NotificationSignal,
}

// The member's home.

/// A Lab as the home links to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeLab {
    pub id: String,
    pub slug: String,
    pub name: String,
}

/// A proxy asked of the member, and the assembly it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HomeProxy {
    pub id: String,
    pub assembly_id: String,
    pub status: ProxyStatus,
    pub principal: Option<PersonRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HomeMotion {
    pub id: String,
    pub assembly_id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenMotion {
    pub motion: HomeMotion,
    /// The member's own vote is in.
    pub voted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinRequestMember {
    pub user: Option<PersonRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinRequest {
    pub lab: HomeLab,
    pub request: JoinRequestMember,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BoardQueue {
    pub labs_to_review: i32,
    pub resource_requests: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Home {
    pub proxies_to_answer: Vec<HomeProxy>,
    pub open_motions: Vec<OpenMotion>,
    pub join_requests: Vec<JoinRequest>,
    pub rules_to_acknowledge: Vec<HomeLab>,
    pub lab_invitations: Vec<HomeLab>,
    /// Board members and admins only.
    pub board_queue: Option<BoardQueue>,
    pub next_assembly: Option<AssemblySummary>,
    pub barcamp: Option<EditionSummary>,
    pub my_labs: Vec<HomeLab>,
    pub unread_notifications: i32,
}

pub const HOME: &str = concat!(
    "query Home { home { ",
    "proxiesToAnswer { id assemblyId status principal { id displayName } } ",
    "openMotions { motion { id assemblyId text } voted } ",
    "joinRequests { lab ",
    lab_ref!(),
    " request { user { id displayName } } } ",
    "rulesToAcknowledge ",
    lab_ref!(),
    " labInvitations ",
    lab_ref!(),
    " boardQueue { labsToReview resourceRequests } ",
    "nextAssembly { id kind title startsAt place status } ",
    "barcamp { id year title startsOn endsOn venue phase } ",
    "myLabs ",
    lab_ref!(),
    " unreadNotifications } }"
);

#[derive(Debug, Clone, Deserialize)]
pub struct HomeData {
    pub home: Home,
}

// The board's members page makes people effective members (and board members, admins)
// through the accounts' `setRoles`.

pub const SET_ROLES: &str = "mutation SetRoles($userId: ID!, $membershipKind: MembershipKind, $isBoard: Boolean, $isAdmin: Boolean) { setRoles(userId: $userId, membershipKind: $membershipKind, isBoard: $isBoard, isAdmin: $isAdmin) { id email displayName membershipKind isBoard isAdmin isDeleted } }";

/// Arguments left out stay as they are.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetRolesVars {
    pub user_id: String,
    pub membership_kind: Option<crate::MembershipKind>,
    pub is_board: Option<bool>,
    pub is_admin: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetRolesData {
    pub set_roles: crate::dto::reach::MemberAccount,
}
