//! Polls outside assemblies: `/polls` (the polls asking me, open first, page by page, or one
//! Lab's), `/polls/new` (the board asks every member, a Lab's coordinators their Lab), and
//! `/polls/:id` (the answer form — radios, checkboxes, or a ranking moved with buttons, all
//! usable with the keyboard alone — the results as tables with bars, who answered what in an
//! open poll, and the author's early close). Route views are the `*_page.rs` files; the rest
//! are their parts. Who may do what is the server's rule; pages only hide what would be
//! refused.

pub mod answer_form;
pub mod new_poll_page;
pub mod options_editor;
pub mod poll_card;
pub mod poll_page;
pub mod polls_page;
pub mod ranking_input;
pub mod responses_list;
pub mod results_view;

use crate::api::ApiError;
use crate::session::use_session;
use constellation_shared::dto::polls::Poll;
use constellation_shared::{ErrorCode, Language};
use leptos::prelude::*;

/// Rows asked per page.
pub const PAGE_SIZE: i32 = 20;

/// An error's message; `VOTING_CLOSED` in the polls' words (the shared message speaks of a
/// motion).
pub fn error_text(e: &ApiError, lang: Language) -> &'static str {
    if e.code == ErrorCode::VotingClosed {
        crate::i18n::strings(lang).polls().voting_closed
    } else {
        e.message(lang)
    }
}

/// Like `FormError`, in the polls' words: the error unless it is about one of `fields`
/// (which show it beside their control).
#[component]
pub fn PollError(
    error: RwSignal<Option<ApiError>>,
    #[prop(optional)] fields: Option<&'static [&'static str]>,
) -> impl IntoView {
    let session = use_session();
    let text = move || {
        error
            .get()
            .filter(|e| match (e.field.as_deref(), fields) {
                (None, _) => true,
                (Some(f), Some(shown)) => !shown.contains(&f),
                (Some(_), None) => false,
            })
            .map(|e| error_text(&e, session.lang.get()))
    };
    view! { <p class="form-error" role="alert">{text}</p> }
}

/// An answer in words: the options named, in the order given (a ranking: best first).
pub fn answer_words(poll: &Poll, choice: &[i32]) -> String {
    let sep = match poll.kind {
        constellation_shared::dto::polls::PollKind::Ranked => " > ",
        _ => ", ",
    };
    choice
        .iter()
        .filter_map(|i| usize::try_from(*i).ok())
        .filter_map(|i| poll.options.get(i).cloned())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The option texts of some indices, joined.
pub fn option_names(poll: &Poll, indices: &[i32]) -> String {
    indices
        .iter()
        .filter_map(|i| usize::try_from(*i).ok())
        .filter_map(|i| poll.options.get(i).cloned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Who is asked, in words.
pub fn audience_words(poll: &Poll, lang: Language) -> String {
    let p = crate::i18n::strings(lang).polls();
    match &poll.lab {
        Some(l) => crate::i18n::fill(p.audience_lab, &[&l.name]),
        None => p.audience_members.to_owned(),
    }
}

/// Moves the keyboard focus to the element with this id, if it is on the page.
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
