//! The app's pages as lazy routes: each page is its own wasm module, fetched the first time
//! the page is shown. The split points are Leptos' `wasm_split` functions below; `cargo
//! xtask build-frontend` splits the module there (`wasm_split_cli_support`) into the shell,
//! one module per page, and chunks of code that several pages share. The shell (session,
//! header, notices, router) stays in the main module, so a first visit downloads the shell
//! and what one page needs, not the whole app.
//!
//! Measured (README, "Weight"): one module per page gives the smallest first visit (about
//! 390 KB brotli for the Labs directory, against 1 MB for the whole app); one module per
//! context gave 510–800 KB, because code shared across contexts then lands in chunks that
//! every context fetches.
//!
//! A split point is an `extern "C"` import and export pair written by the macro, hence the
//! app's one `allow(unsafe_code)`, here, on generated code only.
#![allow(unsafe_code)]

use crate::pages::assemblies::{
    assemblies_page::AssembliesPage, assembly_page::AssemblyPage, chair_page::ChairPage,
    proxy_page::ProxyPage, vote_page::VotePage,
};
use crate::pages::barcamp::{
    agenda_page::AgendaPage, edition_page::EditionPage, editions_page::EditionsPage,
    organise_page::OrganisePage, schedule_page::SchedulePage, screen_page::ScreenPage,
};
use crate::pages::labs::{
    edit_lab_page::EditLabPage, lab_page::LabPage, labs_page::LabsPage, project_page::ProjectPage,
    propose_lab_page::ProposeLabPage, review_queue_page::ReviewQueuePage,
};
use crate::pages::members::{
    audit_page::AuditPage, invitation_page::InvitationPage, mail_failures_page::MailFailuresPage,
    members_page::MembersPage,
};
use crate::pages::notifications::notifications_page::NotificationsPage;
use crate::pages::polls::{new_poll_page::NewPollPage, poll_page::PollPage, polls_page::PollsPage};
use crate::pages::resources::{
    pools_page::PoolsPage, request_queue_page::RequestQueuePage,
    transparency_page::TransparencyPage,
};
use crate::pages::transition::{
    inventory_page::InventoryPage, support_queue_page::SupportQueuePage,
    working_group_page::WorkingGroupPage,
};
use crate::pages::transition::{
    my_services_page::MyServicesPage, overview_page::OverviewPage, service_page::ServicePage,
};
use crate::pages::{
    home_page::HomePage, login_page::LoginPage, profile_page::ProfilePage,
    register_page::RegisterPage, reset_password_page::ResetPasswordPage, rules_page::RulesPage,
    verify_email_page::VerifyEmailPage,
};
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// Per context, per page: the route type, the split function that renders the page (its
/// module takes the function's name) and the page component.
macro_rules! lazy_pages {
    ($($context:ident { $($route:ident $render:ident => $page:ident),* $(,)? })*) => {$($(
        #[derive(Debug)]
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $render().await
            }
        }

        #[::leptos::wasm_split::wasm_split($render, wasm_split_path = ::leptos::wasm_split)]
        fn $render() -> AnyView {
            view! { <$page /> }.into_any()
        }
    )*)*};
}

lazy_pages! {
    account {
        HomeRoute home_view => HomePage,
        RegisterRoute register_view => RegisterPage,
        LoginRoute login_view => LoginPage,
        ProfileRoute profile_view => ProfilePage,
        NotificationsRoute notifications_view => NotificationsPage,
        ResetPasswordRoute reset_password_view => ResetPasswordPage,
        VerifyEmailRoute verify_email_view => VerifyEmailPage,
        InvitationRoute invitation_view => InvitationPage,
    }
    members {
        MembersRoute members_view => MembersPage,
        AuditRoute audit_view => AuditPage,
        MailFailuresRoute mail_failures_view => MailFailuresPage,
    }
    labs {
        LabsRoute labs_view => LabsPage,
        ProposeLabRoute propose_lab_view => ProposeLabPage,
        LabRoute lab_view => LabPage,
        EditLabRoute edit_lab_view => EditLabPage,
        ReviewQueueRoute review_queue_view => ReviewQueuePage,
        ProjectRoute project_view => ProjectPage,
        RulesRoute rules_view => RulesPage,
    }
    resources {
        PoolsRoute pools_view => PoolsPage,
        RequestQueueRoute request_queue_view => RequestQueuePage,
        TransparencyRoute transparency_view => TransparencyPage,
    }
    barcamp {
        EditionsRoute editions_view => EditionsPage,
        EditionRoute edition_view => EditionPage,
        ScheduleRoute schedule_view => SchedulePage,
        AgendaRoute agenda_view => AgendaPage,
        OrganiseRoute organise_view => OrganisePage,
        ScreenRoute screen_view => ScreenPage,
    }
    assemblies {
        AssembliesRoute assemblies_view => AssembliesPage,
        AssemblyRoute assembly_view => AssemblyPage,
        ProxyRoute proxy_view => ProxyPage,
        ChairRoute chair_view => ChairPage,
        VoteRoute vote_view => VotePage,
    }
    polls {
        PollsRoute polls_view => PollsPage,
        NewPollRoute new_poll_view => NewPollPage,
        PollRoute poll_view => PollPage,
    }
    transition {
        OverviewRoute overview_view => OverviewPage,
        MyServicesRoute my_services_view => MyServicesPage,
        ServiceRoute service_view => ServicePage,
        InventoryRoute inventory_view => InventoryPage,
        SupportQueueRoute support_queue_view => SupportQueuePage,
        WorkingGroupRoute working_group_view => WorkingGroupPage,
    }
}
