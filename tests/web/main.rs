//! Components in a real browser (wasm-bindgen-test in headless Chromium):
//! `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use industry_monitor::app::{load_bytes, Charts, FileList, Headline, RegionTable, Session};
use industry_monitor::ingest::read_workbook;
use industry_monitor::ingest::IngestOptions;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
fn calamine_reads_every_fixture_format_inside_wasm() {
    for (name, bytes) in [
        (
            "a.xlsx",
            &include_bytes!("../fixtures/bureau-layout.xlsx")[..],
        ),
        (
            "a.xls",
            &include_bytes!("../fixtures/bureau-layout.xls")[..],
        ),
        (
            "a.ods",
            &include_bytes!("../fixtures/bureau-layout.ods")[..],
        ),
    ] {
        let book = read_workbook(bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let sheets: Vec<_> = book
            .summaries()
            .into_iter()
            .map(|s| (s.name, s.rows, s.cols))
            .collect();
        assert_eq!(
            sheets,
            vec![("分企业".to_string(), 7, 9), ("说明".to_string(), 2, 1)],
            "{name}"
        );
    }
}

#[wasm_bindgen_test]
async fn file_list_shows_sheets_and_removes_a_file() {
    let root = container();
    let loaded = load_bytes(
        include_bytes!("../fixtures/bureau-layout.xlsx"),
        "企业.xlsx",
        &IngestOptions::default(),
    )
    .unwrap();
    let session = Session::new();
    let files = session.files();
    session.add_file(loaded);
    let _mounted = mount_to(root.clone(), move || {
        provide_context(session);
        view! { <FileList /> }
    });

    assert_eq!(texts(&root, "[data-testid=file-name]"), vec!["企业.xlsx"]);
    assert_eq!(
        texts(&root, "[data-testid=sheet-name]"),
        vec!["分企业", "说明"]
    );
    assert_eq!(texts(&root, "[data-testid=sheet-rows]"), vec!["7", "2"]);
    assert_eq!(texts(&root, "[data-testid=sheet-cols]"), vec!["9", "1"]);
    assert_eq!(
        texts(&root, "[data-testid=sheet-role]"),
        vec!["企业产值表", "未识别（已忽略）"]
    );
    assert!(root
        .query_selector("[data-testid=empty-state]")
        .unwrap()
        .is_none());

    let remove: web_sys::HtmlElement = root
        .query_selector("[data-testid=file] button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    remove.click();
    tick().await;
    assert!(files.with(Vec::is_empty));
    assert!(root
        .query_selector("[data-testid=empty-state]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
fn headline_and_region_table_show_the_analysis() {
    let loaded = load_bytes(
        include_bytes!("../fixtures/bureau-layout.xls"),
        "企业.xls",
        &IngestOptions::default(),
    )
    .unwrap();
    let analysis = industry_monitor::app::current_analysis(&[loaded], &Default::default())
        .unwrap()
        .unwrap();
    let root = container();
    let a = analysis.clone();
    let _mounted = mount_to(root.clone(), move || {
        // The region table filters through the page's session.
        let session = Session::new();
        provide_context(session);
        view! { <Headline analysis=a.clone() /><RegionTable analysis=a.clone() selected=session.region_filter() /> }
    });
    // 2 enterprises; 600 / 550 千元 cumulative: 0.006 亿元, +9.1 %; month 300 / 270: +11.1 %.
    assert_eq!(texts(&root, "[data-testid=city-enterprises]"), vec!["2"]);
    assert_eq!(texts(&root, "[data-testid=city-output]"), vec!["0.0"]);
    assert_eq!(
        texts(&root, "[data-testid=city-output-growth]"),
        vec!["9.1"]
    );
    assert_eq!(
        texts(&root, "[data-testid=city-month-output-growth]"),
        vec!["11.1"]
    );
    assert_eq!(texts(&root, "[data-testid=status-increased]"), vec!["1"]);
    assert_eq!(
        texts(&root, "[data-testid=city-va-growth]"),
        vec!["—"],
        "no value-added table loaded"
    );
    let names: Vec<String> = {
        let rows = root.query_selector_all("[data-testid=region-row]").unwrap();
        (0..rows.length())
            .map(|i| {
                rows.item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::Element>()
                    .get_attribute("data-name")
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(names, vec!["城东区", "河西县"]);
    assert_eq!(
        texts(&root, "[data-testid=region-pull]"),
        vec!["9.1", "0.0"]
    );
    assert_eq!(
        texts(&root, "[data-testid=group-line]"),
        vec!["区1个：1升0降", "县（市）1个：0升0降1持平"]
    );
}

const MISSING_REGION_CSV: &str = "2023年1-2月规上工业企业主要指标\n单位：万元\n企业名称,归属,本月,上年同月,1-本月,上年同期\n甲公司,城东区,100,95,150,140\n乙公司,河西县,30,30,60,60\n";

#[wasm_bindgen_test]
async fn mapping_editor_names_the_missing_field_and_a_choice_rereads_the_file() {
    let root = container();
    let session = Session::new();
    let loaded = load_bytes(
        MISSING_REGION_CSV.as_bytes(),
        "分企业.csv",
        &IngestOptions::default(),
    )
    .unwrap();
    session.add_file(loaded);
    let _mounted = mount_to(root.clone(), move || {
        provide_context(session);
        view! { <FileList /> }
    });
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=sheet-missing]"),
        vec!["（缺少：县（市、区））"]
    );
    assert_eq!(
        root.query_selector_all("[data-testid=mapping-field]")
            .unwrap()
            .length() as usize,
        industry_monitor::ingest::Field::ALL.len(),
        "every field listed (14 with 区划代码)"
    );
    let select: web_sys::HtmlSelectElement = root
        .query_selector("[data-field=region] select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(select.value(), "", "no column chosen");
    select.set_value("1");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    let overrides = session.options().with_untracked(|o| o.overrides.clone());
    assert_eq!(overrides.len(), 1, "the choice is kept under the signature");
    let reread = session.files().get_untracked();
    assert_eq!(reread[0].sheets[0].missing, vec![]);
    assert_eq!(
        reread[0].sources.enterprises[0].regions,
        vec!["城东区", "河西县"]
    );
    assert!(texts(&root, "[data-testid=sheet-missing]").is_empty());
}

#[wasm_bindgen_test]
async fn charts_draw_on_canvases_sized_by_device_pixel_ratio() {
    // The page carries the demo workbooks beside the wasm; this test carries its own.
    let demo: [(&str, &[u8]); 2] = [
        (
            "示例市2023年1-2月规上工业企业.xlsx",
            include_bytes!("../../public/demo/示例市2023年1-2月规上工业企业.xlsx"),
        ),
        (
            "示例市2023年1-3月规上工业企业.xlsx",
            include_bytes!("../../public/demo/示例市2023年1-3月规上工业企业.xlsx"),
        ),
    ];
    let files: Vec<_> = demo
        .iter()
        .map(|(name, bytes)| load_bytes(bytes, name, &IngestOptions::default()).unwrap())
        .collect();
    let analysis = industry_monitor::app::current_analysis(&files, &Default::default())
        .unwrap()
        .unwrap();
    let root = container();
    root.set_attribute("style", "width: 1200px").unwrap();
    let session = Session::new();
    let _mounted = mount_to(root.clone(), move || {
        provide_context(session);
        view! { <Charts analysis=analysis.clone() /> }
    });
    tick().await;
    // Each chart learns its width from a ResizeObserver after layout and is then drawn in
    // a task of its own.
    industry_monitor::app::all_drawn().await;
    let canvases = root.query_selector_all("canvas").unwrap();
    assert_eq!(canvases.length(), 6);
    let dpr = window().device_pixel_ratio();
    for i in 0..canvases.length() {
        let c: web_sys::HtmlCanvasElement = canvases.item(i).unwrap().unchecked_into();
        assert!(c.width() > 0 && c.height() > 0);
        assert_eq!(
            c.width(),
            (f64::from(c.client_width()) * dpr).round() as u32
        );
    }
}
