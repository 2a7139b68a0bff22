//! A framing, read-only.

use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::labs::Framing;
use leptos::prelude::*;

#[component]
pub fn FramingView(framing: Framing) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let f = framing;
    let status = f.status;
    let policy = f.membership_policy;
    let visibility = f.visibility;
    let themes = f
        .themes
        .iter()
        .map(|th| view! { <li>{th.clone()}</li> })
        .collect_view();
    let comment = f.review_comment.clone().map(|c| {
        view! {
            <dt>{move || t().labs().review_comment}</dt>
            <dd class="review-comment text">{c}</dd>
        }
    });
    view! {
        <dl class="facts framing" data-version=f.version data-framing-status=status.as_str()>
            <dt>{move || t().labs().framing_version}</dt>
            <dd class="framing-version">{f.version}</dd>
            <dt>{move || t().labs().framing_status_label}</dt>
            <dd class="framing-status">{move || t().labs().framing_status(status)}</dd>
            <dt>{move || t().labs().themes_label}</dt>
            <dd><ul class="themes">{themes}</ul></dd>
            <dt>{move || t().description}</dt>
            <dd class="description text">{f.description.clone()}</dd>
            <dt>{move || t().labs().objectives}</dt>
            <dd class="objectives text">{f.objectives.clone()}</dd>
            <dt>{move || t().labs().scope_in}</dt>
            <dd class="scope-in text">{f.scope_in.clone()}</dd>
            <dt>{move || t().labs().scope_out}</dt>
            <dd class="scope-out text">{f.scope_out.clone()}</dd>
            <dt>{move || t().labs().expected_outputs}</dt>
            <dd class="expected-outputs text">{f.expected_outputs.clone()}</dd>
            <dt>{move || t().labs().start_date}</dt>
            <dd class="start-date">{f.start_date.clone()}</dd>
            <dt>{move || t().labs().end_date}</dt>
            <dd class="end-date">{f.end_date.clone()}</dd>
            <dt>{move || t().labs().membership_policy}</dt>
            <dd class="membership-policy" data-policy=policy.as_str()>{move || t().labs().policy(policy)}</dd>
            <dt>{move || t().labs().participation}</dt>
            <dd class="participation text">{f.participation.clone()}</dd>
            <dt>{move || t().labs().visibility}</dt>
            <dd class="visibility" data-visibility=visibility.as_str()>{move || t().labs().lab_visibility(visibility)}</dd>
            {comment}
        </dl>
    }
}
