//! Where a figure comes from, on the page: a panel with its definition, its formula with
//! the displayed numbers, and each input's file · sheet · column and rows (the same
//! explanation as `industry-report explain`); for a region's figure, a link that filters
//! the enterprise table to the enterprises it sums. Escape or × closes it.

use super::session::session;
use crate::analysis::chosen_table;
use crate::report::explain::explain;
use leptos::prelude::*;

/// `analysis` and `sources` are the page's own: opening a figure computes nothing but
/// its explanation.
#[component]
pub fn TracePanel(analysis: super::AnalysisMemo, sources: super::SourcesMemo) -> impl IntoView {
    let session = session();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && session.trace().get_untracked().is_some() {
            session.close_trace();
        }
    });
    on_cleanup(move || handle.remove());
    let body = move || {
        let key = session.trace().get()?;
        let analysis = analysis.get_untracked()?.ok()?;
        let sources = sources.get_untracked();
        let settings = session.settings().get_untracked();
        let table = chosen_table(&sources, &settings).ok()?;
        let explained = explain(&key, &analysis, &table, &sources);
        let rows = rows_of(&key, &analysis);
        Some(match explained {
            Ok(e) => view! {
                <h3 data-testid="trace-name">{format!("{} = {}", e.name, e.value)}</h3>
                <p>
                    <strong>"定义："</strong>
                    {e.definition}
                </p>
                <p data-testid="trace-formula">
                    <strong>"算式："</strong>
                    {e.formula}
                </p>
                <p>
                    <strong>"来源："</strong>
                </p>
                <ul data-testid="trace-sources">
                    {e
                        .inputs
                        .into_iter()
                        .map(|i| {
                            view! { <li>{format!("{}：{}，{}", i.name, i.value, i.source)}</li> }
                        })
                        .collect_view()}
                </ul>
                {rows
                    .map(|(label, filter)| {
                        view! {
                            <button
                                class="link"
                                data-testid="trace-rows"
                                on:click=move |_| {
                                    session.set_region_filter(None);
                                    session.set_industry_filter(None);
                                    session.set_change_filter(None);
                                    filter(session);
                                    session.close_trace();
                                    if let Some(el) = document()
                                        .get_element_by_id("sec-enterprises")
                                    {
                                        el.scroll_into_view();
                                    }
                                }
                            >
                                {label}
                            </button>
                        }
                    })}
            }
            .into_any(),
            Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
        })
    };
    view! {
        <Show when=move || session.trace().get().is_some()>
            <aside class="trace" data-testid="trace" role="dialog" aria-label="数据来源">
                <button
                    class="trace-close"
                    data-testid="trace-close"
                    aria-label="关闭"
                    on:click=move |_| session.close_trace()
                >
                    "×"
                </button>
                {body}
            </aside>
        </Show>
    }
}

/// How the enterprise table is filtered to a figure's enterprises.
type RowsFilter = Box<dyn Fn(super::session::Session)>;

/// The enterprises a figure sums or counts, as a link's label and the filter of the
/// enterprise table that shows them: a region's, an industry's, a transition set's.
fn rows_of(key: &str, a: &crate::analysis::Analysis) -> Option<(String, RowsFilter)> {
    let inside = |prefix: &str| {
        key.strip_prefix(prefix)
            .and_then(|r| r.split_once(']'))
            .map(|(name, _)| name.to_string())
    };
    if let Some(name) = inside("regions[") {
        let label = format!("在企业明细中查看{name}的企业");
        return Some((
            label,
            Box::new(move |s| s.set_region_filter(Some(name.clone()))),
        ));
    }
    if let Some(code) = inside("industries[") {
        let name = a.industries.iter().find(|i| i.code == code)?.name.clone();
        let label = format!("在企业明细中查看{name}的企业");
        return Some((
            label,
            Box::new(move |s| s.set_industry_filter(Some(code.clone()))),
        ));
    }
    if key == "ledgers.stop_reduce.untracked" {
        let label = "在企业明细中查看未列入台账的停减产企业".to_string();
        let filter = super::session::LedgerFilter::Untracked;
        return Some((
            label,
            Box::new(move |s| s.set_ledger_filter(filter.clone())),
        ));
    }
    let set = key.strip_prefix("transitions.")?.split_once('.')?.0;
    let kind = crate::analysis::Transition::ALL
        .into_iter()
        .find(|t| t.key() == set)?;
    let label = format!("在企业明细中查看{}的企业", kind.label());
    Some((label, Box::new(move |s| s.set_change_filter(Some(kind)))))
}

/// `content` as a figure that opens where it came from (`key`, an explain key) on a click
/// or Enter: the briefing's numbers and the target block's.
pub fn traced(key: String, content: impl IntoView + 'static) -> impl IntoView {
    let session = session();
    let (k1, k2) = (key.clone(), key.clone());
    view! {
        <span
            class="traced"
            data-trace=key
            tabindex="0"
            role="button"
            title="点击查看这个数从哪里来"
            on:click=move |_| session.open_trace(&k1)
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" {
                    session.open_trace(&k2)
                }
            }
        >
            {content}
        </span>
    }
}
