//! The page's state changes only through `Session`'s methods (docs/ARCHITECTURE.md): each
//! change, natively, with what it must and must not touch.

use industry_monitor::analysis::{Levers, Transition};
use industry_monitor::app::{demo_files, load_bytes, LedgerFilter, Session, DEMO_NAMES};
use industry_monitor::model::{Period, Targets};
use leptos::prelude::*;

fn demo_file(i: usize) -> industry_monitor::app::LoadedFile {
    let (name, bytes) = demo_files().swap_remove(i);
    load_bytes(&bytes, name, &Default::default()).unwrap()
}

#[test]
fn filters_toggle_set_and_clear_one_at_a_time() {
    let s = Session::new();
    s.toggle_region("城东区");
    assert_eq!(s.region_filter().get_untracked().as_deref(), Some("城东区"));
    s.toggle_region("城东区");
    assert_eq!(
        s.region_filter().get_untracked(),
        None,
        "a second click clears"
    );
    s.set_region_filter(Some("河西县".into()));
    s.toggle_industry("36");
    assert_eq!(s.industry_filter().get_untracked().as_deref(), Some("36"));
    s.set_industry_filter(None);
    assert_eq!(s.industry_filter().get_untracked(), None);
    assert_eq!(s.region_filter().get_untracked().as_deref(), Some("河西县"));
    s.toggle_ledger_filter(LedgerFilter::Untracked);
    assert_eq!(
        s.ledger_filter().get_untracked(),
        Some(LedgerFilter::Untracked)
    );
    s.set_change_filter(Some(Transition::Resumed));
    assert_eq!(
        s.ledger_filter().get_untracked(),
        Some(LedgerFilter::Change(Transition::Resumed))
    );
    s.set_ledger_filter(LedgerFilter::Reason("订单不足".into()));
    s.clear_ledger_filter();
    assert_eq!(s.ledger_filter().get_untracked(), None);
}

#[test]
fn settings_change_by_their_own_methods() {
    let s = Session::new();
    let p = Period::new(2023, 2);
    s.set_period(Some(p));
    let t = Targets::new(3, 10.0, 338.5, None).unwrap();
    s.set_targets(Some(t));
    s.set_levers(Some(Levers::default()));
    let settings = s.settings().get_untracked();
    assert_eq!(settings.period, Some(p));
    assert_eq!(settings.targets, Some(t));
    assert!(settings.levers.is_some());
    s.set_targets(None);
    assert_eq!(s.settings().get_untracked().targets, None);
    assert_eq!(
        s.settings().get_untracked().period,
        Some(p),
        "the rest kept"
    );
    s.set_green_up(true);
    assert!(s.green_up().get_untracked());
}

#[test]
fn the_draft_changes_paragraph_by_paragraph_and_heading_by_heading() {
    let s = Session::new();
    s.include_paragraph("regions", false);
    s.rewrite_paragraph("headline", "全市稳中有进。", "总体");
    s.retitle_section(0, "全市工业运行总体情况");
    let d = s.draft().get_untracked();
    assert!(!d.edits["regions"].include);
    assert_eq!(d.title(0), "全市工业运行总体情况");
    s.restore_paragraph("headline");
    s.retitle_section(0, "");
    let d = s.draft().get_untracked();
    assert!(!d.edits.contains_key("headline"));
    assert!(d.titles.is_empty());
}

#[test]
fn files_come_and_go_and_a_trace_opens_and_closes() {
    let s = Session::new();
    s.start_reading(["a.xlsx".to_string()]);
    assert_eq!(s.progress().get_untracked().len(), 1);
    s.add_file(demo_file(0));
    s.finish_reading("a.xlsx");
    s.add_file(demo_file(1));
    assert_eq!(s.files().get_untracked().len(), 2);
    let first = DEMO_NAMES[0];
    s.remove_file(first);
    let names: Vec<String> = s
        .files()
        .get_untracked()
        .iter()
        .map(|f| f.name.clone())
        .collect();
    assert_eq!(names, [DEMO_NAMES[1]]);
    s.open_trace("city.output");
    assert_eq!(s.trace().get_untracked().as_deref(), Some("city.output"));
    s.close_trace();
    assert_eq!(s.trace().get_untracked(), None);
    s.clear();
    assert!(s.files().get_untracked().is_empty());
}
