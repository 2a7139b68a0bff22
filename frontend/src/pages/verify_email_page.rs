//! `/verify-email?token=…`: the link of the verification mail confirms the address at once.

use crate::api::{self, ApiError};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::queries::accounts as q;
use constellation_shared::ErrorCode;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").filter(|t| !t.is_empty()));
    let outcome = RwSignal::new(None::<Result<(), ApiError>>);
    Effect::new(move |_| {
        let Some(token) = token.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::VerifyEmailData>(
                q::VERIFY_EMAIL,
                q::VerifyEmailVars { token },
                None,
            )
            .await;
            outcome.try_set(Some(result.map(|_| ())));
        });
    });
    let text = move || {
        let s = t();
        if token.with(Option::is_none) {
            return Some(s.members().no_token);
        }
        outcome.get().map(|o| match o {
            Ok(()) => s.members().verify_done,
            Err(e) if matches!(e.code, ErrorCode::NotFound | ErrorCode::Validation) => {
                s.members().verify_invalid
            }
            Err(e) => e.message(session.lang.get()),
        })
    };
    view! {
        <section class="narrow" aria-labelledby="verify-h">
            <h1 id="verify-h">{move || t().members().verify_title}</h1>
            <p id="verify-outcome" role="status">{move || text().unwrap_or_else(|| t().loading)}</p>
        </section>
    }
}
