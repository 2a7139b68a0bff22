//! The members page's documents (`shared::queries::members`) run against the real schema,
//! each answer decoded into its shared response type.

use super::invitation_token;
use crate::contract::send;
use constellation_shared::queries::members as m;
use constellation_tests::{spawn_app, unique_email};

/// The shared documents of the members page, for the contract test's census.
pub(crate) const MEMBER_DOCS: &[&str] = &[
    m::MEMBERS,
    m::UPDATE_REGISTER_ENTRY,
    m::INVITE_MEMBERS,
    m::IMPORT_MEMBERS,
    m::INVITATIONS,
    m::INVITATION,
    m::ACCEPT_INVITATION,
    m::AUDIT_LOG_FILTERED,
];

#[tokio::test]
async fn every_members_document_runs_against_the_schema() {
    use constellation_shared::dto::reach::{
        InvitationStatus, InviteInput, MemberFilter, RegisterEntryInput,
    };
    use constellation_shared::{ErrorCode, Language, MembershipKind};
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let jo = app.signup("Jo").await;
    let a = Some(admin.token.as_str());
    let mut tested = Vec::new();

    let list: m::MembersData = send(
        &app,
        a,
        m::MEMBERS,
        m::MembersVars {
            filter: Some(MemberFilter {
                search: Some("jo".into()),
                ..Default::default()
            }),
            first: Some(10),
            after: None,
        },
    )
    .await;
    let row = list.members.nodes().next().expect("Jo");
    assert_eq!(row.user.id.to_string(), jo.id);
    assert_eq!(row.user.email.as_deref(), Some(jo.email.as_str()));
    tested.push(m::MEMBERS);

    let e: m::UpdateRegisterEntryData = send(
        &app,
        a,
        m::UPDATE_REGISTER_ENTRY,
        m::UpdateRegisterEntryVars {
            user_id: jo.id.clone(),
            input: RegisterEntryInput {
                address: Some("Rue Haute 1".into()),
                admitted_on: Some("2026-01-15".into()),
                left_on: None,
                note: None,
            },
        },
    )
    .await;
    assert_eq!(
        e.update_register_entry.admitted_on.as_deref(),
        Some("2026-01-15")
    );
    tested.push(m::UPDATE_REGISTER_ENTRY);

    let email = unique_email("invitee");
    let i: m::InviteMembersData = send(
        &app,
        a,
        m::INVITE_MEMBERS,
        m::InviteMembersVars {
            invitations: vec![InviteInput {
                email: email.clone(),
                display_name: Some("Invitee".into()),
                kind: MembershipKind::Adherent,
            }],
        },
    )
    .await;
    assert_eq!(i.invite_members.invited, 1);
    tested.push(m::INVITE_MEMBERS);

    let bad: m::ImportMembersData = send(
        &app,
        a,
        m::IMPORT_MEMBERS,
        m::ImportMembersVars {
            csv: format!("name,email,kind\nJo,{},EFFECTIVE\n", jo.email),
        },
    )
    .await;
    assert_eq!(bad.import_members.invited, 0);
    assert_eq!(
        bad.import_members
            .problems
            .first()
            .map(|p| (p.line, p.code)),
        Some((2, ErrorCode::EmailTaken))
    );
    tested.push(m::IMPORT_MEMBERS);

    let pending: m::InvitationsData = send(
        &app,
        a,
        m::INVITATIONS,
        m::InvitationsVars {
            first: Some(10),
            pending_only: Some(true),
            ..Default::default()
        },
    )
    .await;
    let inv = pending.invitations.nodes().next().expect("an invitation");
    assert_eq!(inv.status, InvitationStatus::Pending);
    assert_eq!(
        inv.invited_by.as_ref().map(|p| p.id.to_string()),
        Some(admin.id.clone())
    );
    tested.push(m::INVITATIONS);

    let token = invitation_token(&app, &email).await;
    let info: m::InvitationData = send(
        &app,
        None,
        m::INVITATION,
        m::InvitationVars {
            token: token.clone(),
        },
    )
    .await;
    assert_eq!(info.invitation.email, email);
    tested.push(m::INVITATION);

    let s: m::AcceptInvitationData = send(
        &app,
        None,
        m::ACCEPT_INVITATION,
        m::AcceptInvitationVars {
            token,
            password: constellation_tests::PASSWORD.into(),
            display_name: None,
            language: Some(Language::En),
        },
    )
    .await;
    assert_eq!(s.accept_invitation.user.language, Language::En);
    assert_eq!(
        s.accept_invitation.user.membership_kind,
        MembershipKind::Adherent
    );
    tested.push(m::ACCEPT_INVITATION);

    let log: m::AuditLogData = send(
        &app,
        a,
        m::AUDIT_LOG_FILTERED,
        m::AuditLogVars {
            first: Some(10),
            action: Some("member.".into()),
            actor_id: Some(admin.id.clone()),
            ..Default::default()
        },
    )
    .await;
    let actions: Vec<&str> = log.audit_log.nodes().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["member.invite", "member.register.update"]);
    assert!(log.audit_log.nodes().all(|e| e.actor.is_some()));
    tested.push(m::AUDIT_LOG_FILTERED);

    assert_eq!(tested, MEMBER_DOCS);
}
