//! The shell: session context, header, routes.

use crate::components::nav::Nav;
use crate::notices::Notices;
use crate::pages::assembly::{
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
    home_page::HomePage, login_page::LoginPage, not_found_page::NotFoundPage,
    profile_page::ProfilePage, register_page::RegisterPage, reset_password_page::ResetPasswordPage,
    rules_page::RulesPage, verify_email_page::VerifyEmailPage,
};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    provide_context(Notices::start(session));
    // Keep <html lang> in step with the chosen language (screen readers rely on it).
    Effect::new(move |_| {
        let lang = session.lang.get();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", lang.code());
        }
    });
    view! {
        <Router>
            <Nav />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/register") view=RegisterPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/profile") view=ProfilePage />
                    <Route path=path!("/notifications") view=NotificationsPage />
                    <Route path=path!("/reset-password") view=ResetPasswordPage />
                    <Route path=path!("/verify-email") view=VerifyEmailPage />
                    <Route path=path!("/invitation") view=InvitationPage />
                    <Route path=path!("/members") view=MembersPage />
                    <Route path=path!("/audit") view=AuditPage />
                    <Route path=path!("/mail-failures") view=MailFailuresPage />
                    <Route path=path!("/labs") view=LabsPage />
                    <Route path=path!("/labs/new") view=ProposeLabPage />
                    <Route path=path!("/labs/:slug") view=LabPage />
                    <Route path=path!("/labs/:slug/edit") view=EditLabPage />
                    <Route path=path!("/review") view=ReviewQueuePage />
                    <Route path=path!("/projects/:id") view=ProjectPage />
                    <Route path=path!("/rules") view=RulesPage />
                    <Route path=path!("/resources") view=PoolsPage />
                    <Route path=path!("/resources/queue") view=RequestQueuePage />
                    <Route path=path!("/transparency") view=TransparencyPage />
                    <Route path=path!("/barcamp") view=EditionsPage />
                    <Route path=path!("/barcamp/:year") view=EditionPage />
                    <Route path=path!("/barcamp/:year/schedule") view=SchedulePage />
                    <Route path=path!("/barcamp/:year/agenda") view=AgendaPage />
                    <Route path=path!("/barcamp/:year/organise") view=OrganisePage />
                    <Route path=path!("/barcamp/:year/screen") view=ScreenPage />
                    <Route path=path!("/assemblies") view=AssembliesPage />
                    <Route path=path!("/assemblies/:id") view=AssemblyPage />
                    <Route path=path!("/assemblies/:id/proxy") view=ProxyPage />
                    <Route path=path!("/assemblies/:id/chair") view=ChairPage />
                    <Route path=path!("/assemblies/:id/vote") view=VotePage />
                    <Route path=path!("/transition") view=OverviewPage />
                    <Route path=path!("/transition/mine") view=MyServicesPage />
                    <Route path=path!("/transition/services/:id") view=ServicePage />
                    <Route path=path!("/transition/inventory") view=InventoryPage />
                    <Route path=path!("/transition/support") view=SupportQueuePage />
                    <Route path=path!("/transition/group") view=WorkingGroupPage />
                </Routes>
            </main>
        </Router>
    }
}
