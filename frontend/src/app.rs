//! The shell: session context, header, routes.

use crate::components::nav::Nav;
use crate::notices::Notices;
use crate::pages::not_found_page::NotFoundPage;
use crate::routes::*;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use leptos_router::Lazy;

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
                    <Route path=path!("/") view={Lazy::<HomeRoute>::new()} />
                    <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} />
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} />
                    <Route path=path!("/profile") view={Lazy::<ProfileRoute>::new()} />
                    <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()} />
                    <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()} />
                    <Route path=path!("/verify-email") view={Lazy::<VerifyEmailRoute>::new()} />
                    <Route path=path!("/invitation") view={Lazy::<InvitationRoute>::new()} />
                    <Route path=path!("/members") view={Lazy::<MembersRoute>::new()} />
                    <Route path=path!("/audit") view={Lazy::<AuditRoute>::new()} />
                    <Route path=path!("/mail-failures") view={Lazy::<MailFailuresRoute>::new()} />
                    <Route path=path!("/labs") view={Lazy::<LabsRoute>::new()} />
                    <Route path=path!("/labs/new") view={Lazy::<ProposeLabRoute>::new()} />
                    <Route path=path!("/labs/:slug") view={Lazy::<LabRoute>::new()} />
                    <Route path=path!("/labs/:slug/edit") view={Lazy::<EditLabRoute>::new()} />
                    <Route path=path!("/review") view={Lazy::<ReviewQueueRoute>::new()} />
                    <Route path=path!("/projects/:id") view={Lazy::<ProjectRoute>::new()} />
                    <Route path=path!("/rules") view={Lazy::<RulesRoute>::new()} />
                    <Route path=path!("/resources") view={Lazy::<PoolsRoute>::new()} />
                    <Route path=path!("/resources/queue") view={Lazy::<RequestQueueRoute>::new()} />
                    <Route path=path!("/transparency") view={Lazy::<TransparencyRoute>::new()} />
                    <Route path=path!("/barcamp") view={Lazy::<EditionsRoute>::new()} />
                    <Route path=path!("/barcamp/:year") view={Lazy::<EditionRoute>::new()} />
                    <Route path=path!("/barcamp/:year/schedule") view={Lazy::<ScheduleRoute>::new()} />
                    <Route path=path!("/barcamp/:year/agenda") view={Lazy::<AgendaRoute>::new()} />
                    <Route path=path!("/barcamp/:year/organise") view={Lazy::<OrganiseRoute>::new()} />
                    <Route path=path!("/barcamp/:year/screen") view={Lazy::<ScreenRoute>::new()} />
                    <Route path=path!("/assemblies") view={Lazy::<AssembliesRoute>::new()} />
                    <Route path=path!("/assemblies/:id") view={Lazy::<AssemblyRoute>::new()} />
                    <Route path=path!("/assemblies/:id/proxy") view={Lazy::<ProxyRoute>::new()} />
                    <Route path=path!("/assemblies/:id/chair") view={Lazy::<ChairRoute>::new()} />
                    <Route path=path!("/assemblies/:id/vote") view={Lazy::<VoteRoute>::new()} />
                    <Route path=path!("/polls") view={Lazy::<PollsRoute>::new()} />
                    <Route path=path!("/polls/new") view={Lazy::<NewPollRoute>::new()} />
                    <Route path=path!("/polls/:id") view={Lazy::<PollRoute>::new()} />
                    <Route path=path!("/transition") view={Lazy::<OverviewRoute>::new()} />
                    <Route path=path!("/transition/mine") view={Lazy::<MyServicesRoute>::new()} />
                    <Route path=path!("/transition/services/:id") view={Lazy::<ServiceRoute>::new()} />
                    <Route path=path!("/transition/inventory") view={Lazy::<InventoryRoute>::new()} />
                    <Route path=path!("/transition/support") view={Lazy::<SupportQueueRoute>::new()} />
                    <Route path=path!("/transition/group") view={Lazy::<WorkingGroupRoute>::new()} />
                </Routes>
            </main>
        </Router>
    }
}
