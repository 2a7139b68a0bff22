//! The results: who comes first (a tie is said as such), a table of answers per option with
//! a bar beside each figure (the bar is decoration, the figure is the text), the ranking with
//! shared places, and for ranked polls the Schulze method's two tables.

use super::option_names;
use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::polls::{Poll, PollKind, PollOutcome};
use leptos::prelude::*;

fn matrix_table(
    id: &'static str,
    caption: &'static str,
    options: &[String],
    m: &[Vec<i32>],
) -> impl IntoView {
    let head = options
        .iter()
        .map(|o| view! { <th scope="col">{o.clone()}</th> })
        .collect_view();
    let body = m
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let cells = row
                .iter()
                .enumerate()
                .map(|(j, v)| {
                    let text = if i == j {
                        "—".to_owned()
                    } else {
                        v.to_string()
                    };
                    view! { <td class="num">{text}</td> }
                })
                .collect_view();
            let name = options.get(i).cloned().unwrap_or_default();
            view! { <tr><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby=format!("{id}-caption")>
            <table id=id>
                <caption id=format!("{id}-caption")>{caption}</caption>
                <thead><tr><td></td>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn results(poll: &Poll, r: &PollOutcome, lang: constellation_shared::Language) -> impl IntoView {
    let s = strings(lang).polls();
    let headline = if r.ballots == 0 {
        s.no_answers.to_owned()
    } else if r.tied {
        fill(s.tie, &[&option_names(poll, &r.winners)])
    } else {
        fill(s.winner, &[&option_names(poll, &r.winners)])
    };
    let most = r.counts.iter().copied().max().unwrap_or(0).max(1);
    let rows = poll
        .options
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let n = r.counts.get(i).copied().unwrap_or(0);
            let width = format!("{:.1}%", f64::from(n) * 100.0 / f64::from(most));
            view! {
                <tr data-option=i>
                    <th scope="row">{name.clone()}</th>
                    <td class="num count">{n}</td>
                    <td class="bar-cell">
                        <div class="usage" aria-hidden="true"><div class="usage-fill" style:width=width></div></div>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let mut place = 1;
    let ranking = r
        .ranking
        .iter()
        .map(|group| {
            let at = place;
            place += group.len();
            let tied = (group.len() > 1).then_some(s.tied_mark);
            view! {
                <tr>
                    <td class="num">{at}</td>
                    <td>{option_names(poll, group)} " " {tied}</td>
                </tr>
            }
        })
        .collect_view();
    let schulze = (poll.kind == PollKind::Ranked).then(|| {
        let pairwise = r.pairwise.clone().unwrap_or_default();
        let strongest = r.strongest.clone().unwrap_or_default();
        view! {
            <p class="hint">{s.schulze_note}</p>
            {matrix_table("poll-pairwise", s.pairwise_caption, &poll.options, &pairwise)}
            {matrix_table("poll-strongest", s.strongest_caption, &poll.options, &strongest)}
        }
    });
    view! {
        <p id="poll-headline" data-tied=r.tied.to_string()><strong>{headline}</strong></p>
        <p id="poll-counted">{fill(s.counted, &[&r.ballots.to_string()])}</p>
        <div class="table-wrap">
            <table id="poll-counts">
                <caption>{s.counts_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{s.option_column}</th>
                        <th scope="col">{s.count_column(poll.kind)}</th>
                        <td></td>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <div class="table-wrap">
            <table id="poll-ranking">
                <caption>{s.ranking_caption}</caption>
                <thead>
                    <tr><th scope="col">{s.place_column}</th><th scope="col">{s.option_column}</th></tr>
                </thead>
                <tbody>{ranking}</tbody>
            </table>
        </div>
        {schulze}
    }
}

#[component]
pub fn ResultsView(poll: RwSignal<Option<Poll>>) -> impl IntoView {
    let session = use_session();
    let p = move || strings(session.lang.get()).polls();
    let body = move || {
        let lang = session.lang.get();
        poll.with(|p| {
            p.as_ref().map(|p| match &p.results {
                Some(r) => view! {
                    {(!p.closed).then(|| view! {
                        <p class="hint" id="results-live">{strings(lang).polls().results_live}</p>
                    })}
                    {results(p, r, lang)}
                }
                .into_any(),
                None => view! { <p id="results-hidden">{strings(lang).polls().results_hidden}</p> }
                    .into_any(),
            })
        })
    };
    view! {
        <section aria-labelledby="results-h" id="poll-results">
            <h2 id="results-h">{move || p().results_title}</h2>
            {body}
        </section>
    }
}
