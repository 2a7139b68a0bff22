//! The board approves a proposal or a framing change, asks for changes, or rejects it.

use super::lab_state::LabCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use constellation_shared::dto::labs::ReviewDecision;
use constellation_shared::queries::labs as q;
use leptos::prelude::*;

#[component]
pub fn BoardReview(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let shown = move || ctx.is_board() && ctx.awaits_review();
    let review = move |decision: ReviewDecision| {
        let text = comment.get_untracked().trim().to_owned();
        let vars = q::ReviewLabVars {
            lab_id: ctx.id(),
            decision,
            comment: (!text.is_empty()).then_some(text),
        };
        ctx.mutate(q::REVIEW_LAB, vars, error, busy, move || {
            comment.set(String::new())
        });
    };
    view! {
        <Show when=shown>
            <section aria-labelledby="review-h" id="board-review" class="board">
                <h2 id="review-h">{move || t().labs().board_review_title}</h2>
                <TextArea name="comment" id="reviewComment" label=|s| s.labs().review_comment_label value=comment error=error required=false />
                <div class="actions" role="group" aria-labelledby="review-h">
                    <button type="button" id="approve" on:click=move |_| review(ReviewDecision::Approve) disabled=move || busy.get()>
                        {move || t().labs().approve}
                    </button>
                    <button type="button" id="request-changes" class="secondary" on:click=move |_| review(ReviewDecision::RequestChanges) disabled=move || busy.get()>
                        {move || t().labs().request_changes}
                    </button>
                    <button type="button" id="reject" class="danger" on:click=move |_| review(ReviewDecision::Reject) disabled=move || busy.get()>
                        {move || t().labs().reject}
                    </button>
                </div>
                <FormError error=error fields=&["comment"] />
            </section>
        </Show>
    }
}
