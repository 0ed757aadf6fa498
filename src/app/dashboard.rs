//! The analysis on the page: headline cards, the region table with its groups, the
//! industries and the status counts. Views only format what `Analysis` holds.

use crate::analysis::Analysis;
use crate::model::{RegionGroup, Severity};
use crate::report::csv;
use crate::report::format::{pct, yi};
use crate::report::phrases::{pull_or_dash, rank};
use crate::report::tables::{self, Column, ColumnKey, Table, Value};
use leptos::prelude::*;
use std::sync::Arc;

/// "up"/"down" class for a signed figure, so the colour convention is CSS's business.
pub(super) fn trend_class(v: Option<f64>) -> &'static str {
    match v {
        Some(v) if v > 0.0 => "num up",
        Some(v) if v < 0.0 => "num down",
        _ => "num",
    }
}

/// One headline figure: label, the number in its own element (its text is exactly the
/// displayed figure), and the unit beside it; below, a note, or what `children` show
/// (a second figure, what to load).
#[component]
fn Card(
    label: &'static str,
    testid: &'static str,
    value: String,
    unit: &'static str,
    #[prop(optional)] note: String,
    /// The figure cannot be computed from what is loaded.
    #[prop(optional)]
    empty: bool,
    #[prop(optional)] children: Option<Children>,
    /// The figure's contract key: clicking it (or Enter) shows where it comes from.
    #[prop(optional)]
    trace: Option<&'static str>,
) -> impl IntoView {
    let session = super::session::session();
    let open = move || {
        if let Some(key) = trace {
            session.open_trace(key);
        }
    };
    view! {
        <div
            class="card"
            class:empty-figure=empty
            class:traceable=trace.is_some()
            data-trace=trace
            tabindex=trace.map(|_| "0")
            title=trace.map(|_| "点击查看这个数从哪里来")
            on:click=move |_| open()
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" {
                    open()
                }
            }
        >
            <div class="card-label">{label}</div>
            <div class="card-value">
                <span data-testid=testid>{value}</span>
                <span class="unit">{unit}</span>
            </div>
            {(!note.is_empty()).then(|| view! { <div class="card-note">{note}</div> })}
            {children.map(|c| c())}
        </div>
    }
}

/// A template the page offers for a table that is not loaded.
#[derive(Clone)]
struct Template {
    testid: &'static str,
    label: &'static str,
    make: fn(&Analysis) -> crate::report::tables::Table,
}

const REGION_VA_TEMPLATE: Template = Template {
    testid: "template-region-va",
    label: "县区增加值增速表模板",
    make: crate::report::templates::region_va,
};

const PROVINCE_TEMPLATE: Template = Template {
    testid: "template-province",
    label: "全省各市增速表模板",
    make: crate::report::templates::province,
};

/// A figure the loaded files cannot give: what to load, and the template to fill.
fn missing_note(what: &'static str, template: Option<(Template, Arc<Analysis>)>) -> impl IntoView {
    view! {
        <div class="card-note" data-testid="card-missing">
            {format!("载入{what}后显示")}
            {template
                .map(|(t, a)| {
                    let download = move |_| {
                        if let Ok(bytes) = crate::report::xlsx::tables_workbook(&[(t.make)(&a)]) {
                            super::download::save(
                                &bytes,
                                &format!("{}.xlsx", t.label),
                                super::download::XLSX_MIME,
                            );
                        }
                    };
                    view! {
                        "，"
                        <button class="link" data-testid=t.testid on:click=download>
                            {format!("下载{}", t.label)}
                        </button>
                    }
                })}
        </div>
    }
}

/// The headline: seven figures in one row (户数, 累计产值, 累计增速, 当月增速, 增加值增速,
/// 比全省/全国, 全省位次), the status cards below.
#[component]
pub fn Headline(analysis: Arc<Analysis>) -> impl IntoView {
    let c = &analysis.city;
    let s = &analysis.status;
    let period = analysis.period.map_or("本期".to_string(), |p| p.label());
    let name = c.name.clone().unwrap_or_else(|| "全市".into());
    let province_rank = c.province_rank.map_or("—".into(), |r| r.to_string());
    let mut rank_note: Vec<String> = Vec::new();
    if let Some(n) = c.province_cities {
        rank_note.push(format!("全省共{n}个市"));
    }
    if let (Some(r), Some(n)) = (c.unit_rank, c.unit_cities) {
        rank_note.push(format!("考评单元{}（共{n}个）", rank(r)));
    }
    if let Some((before, up)) = analysis.rank_since_previous() {
        rank_note.push(crate::report::phrases::rank_since(up, &before.label()));
    }
    let rank_note = rank_note.join("，");
    let pull_note = pull_or_dash;
    let no_va = c.value_added_growth_pct.is_none();
    let no_province = c.province_value_added_growth_pct.is_none()
        && c.nation_value_added_growth_pct.is_none()
        && c.province_rank.is_none();
    let no_rank = c.province_rank.is_none();
    // Children render later, so what they show is made here.
    let month_output = yi(c.month_output);
    let vs_nation = pct(c.vs_nation_pp);
    let va_missing = no_va.then(|| {
        missing_note(
            "县区增加值增速表",
            Some((REGION_VA_TEMPLATE, analysis.clone())),
        )
        .into_any()
    });
    let province_missing = if no_province {
        Some(
            missing_note(
                "全省各市增速表",
                Some((PROVINCE_TEMPLATE, analysis.clone())),
            )
            .into_any(),
        )
    } else if no_va {
        Some(missing_note("县区增加值增速表（全市行）", None).into_any())
    } else {
        None
    };
    let rank_missing = no_rank.then(|| missing_note("全省各市增速表", None).into_any());
    let since_previous = analysis
        .growth_since_previous()
        .map(|(p, d)| crate::report::phrases::since(d, p.span_label().trim_end_matches('份')))
        .unwrap_or_default();
    view! {
        <section class="headline" id="sec-overview" data-testid="headline">
            <h2>{format!("{name} {period}")}</h2>
            <div class="cards main">
                <Card
                    label="规上工业企业"
                    testid="city-enterprises"
                    value=c.enterprises.to_string()
                    unit="户"
                    trace="city.enterprises"
                />
                <Card
                    label="累计工业总产值"
                    testid="city-output"
                    value=yi(c.output)
                    unit="亿元"
                    trace="city.output"
                />
                <Card
                    label="累计产值同比"
                    testid="city-output-growth"
                    value=pct(c.output_growth_pct)
                    unit="%"
                    trace="city.output_growth_pct"
                    note=since_previous.clone()
                />
                <Card
                    label="当月产值同比"
                    testid="city-month-output-growth"
                    value=pct(c.month_output_growth_pct)
                    unit="%"
                    trace="city.month_output_growth_pct"
                >
                    <div class="card-note">
                        "当月产值 "<span data-testid="city-month-output">{month_output}</span>
                        " 亿元"
                    </div>
                </Card>
                <Card
                    label="规上工业增加值同比"
                    testid="city-va-growth"
                    value=pct(c.value_added_growth_pct)
                    unit="%"
                    empty=no_va
                    trace="city.value_added_growth_pct"
                >
                    {va_missing}
                </Card>
                <Card
                    label="比全省 / 比全国"
                    testid="city-vs-province"
                    value=pct(c.vs_province_pp)
                    unit="个百分点"
                    empty=no_province
                >
                    <div class="card-note">
                        "比全国 "<span data-testid="city-vs-nation">{vs_nation}</span>
                        " 个百分点"
                    </div>
                    {province_missing}
                </Card>
                <Card
                    label="全省位次"
                    testid="city-province-rank"
                    value=province_rank
                    unit="位"
                    note=if no_rank { String::new() } else { rank_note }
                    empty=no_rank
                >
                    {rank_missing}
                </Card>
            </div>
            <div class="cards status">
                <Card
                    label="停产企业（拉动当月增速）"
                    testid="status-stopped"
                    value=s.stopped.to_string()
                    unit="户"
                    note=pull_note(s.stopped_pull_pp)
                    trace="status.stopped"
                />
                <Card
                    label="减产企业（拉动当月增速）"
                    testid="status-reduced"
                    value=s.reduced.to_string()
                    unit="户"
                    note=pull_note(s.reduced_pull_pp)
                    trace="status.reduced"
                />
                <Card
                    label="增产企业（拉动当月增速）"
                    testid="status-increased"
                    value=s.increased.to_string()
                    unit="户"
                    note=pull_note(s.increased_pull_pp)
                    trace="status.increased"
                />
                <Card
                    label="新入规企业"
                    testid="status-new"
                    value=s.new.to_string()
                    unit="户"
                    note=pull_note(s.new_pull_pp)
                />
            </div>
        </section>
    }
}

/// The class of a table cell: figures right-aligned, changes coloured by sign.
pub(super) fn cell_class(column: &Column, value: &Value) -> &'static str {
    match value {
        Value::Text(_) => "",
        _ if column.signed => trend_class(value.number()),
        _ => "num",
    }
}

/// The header of a report table's column, right-aligned over figures.
pub(super) fn header_cell(table: &Table, c: usize) -> impl IntoView {
    let numeric = table.rows.iter().any(|r| !matches!(r[c], Value::Text(_)));
    view! { <th class=if numeric { "num" } else { "" }>{table.columns[c].header}</th> }
}

/// A column to sort by, and whether descending.
type SortBy = Option<(usize, bool)>;

/// The rows `rows` of `table` in the order `sort` asks (numbers by value, text by its
/// characters; a figure that cannot be computed last), else as given.
fn sorted(table: &Table, rows: &[usize], sort: SortBy) -> Vec<usize> {
    let mut out = rows.to_vec();
    if let Some((c, desc)) = sort {
        let key = |r: usize| -> (bool, f64, String) {
            match &table.rows[r][c] {
                Value::Text(t) => (false, 0.0, t.clone()),
                Value::Count(n) => (false, *n as f64, String::new()),
                Value::Number { value, .. } => {
                    (value.is_none(), value.unwrap_or(0.0), String::new())
                }
            }
        };
        out.sort_by(|&a, &b| {
            let (ka, kb) = (key(a), key(b));
            // Missing figures last whichever the direction.
            ka.0.cmp(&kb.0).then_with(|| {
                let o = ka.1.total_cmp(&kb.1).then_with(|| ka.2.cmp(&kb.2));
                if desc {
                    o.reverse()
                } else {
                    o
                }
            })
        });
    }
    out
}

/// A header that sorts its table: the first click descending (largest first), the next
/// ascending.
fn sort_header(table: &Table, c: usize, sort: RwSignal<SortBy>) -> impl IntoView {
    let numeric = table.rows.iter().any(|r| !matches!(r[c], Value::Text(_)));
    let label = table.columns[c].header;
    let key = table.columns[c].key.id();
    let state = move || match sort.get() {
        Some((col, true)) if col == c => "descending",
        Some((col, false)) if col == c => "ascending",
        _ => "none",
    };
    let arrow = move || match state() {
        "descending" => " ▼",
        "ascending" => " ▲",
        _ => "",
    };
    view! {
        <th class=if numeric { "num sortable" } else { "sortable" } aria-sort=state>
            <button
                class="sort"
                data-testid="sort-header"
                data-key=key
                title="点击排序"
                on:click=move |_| {
                    sort.update(|s| {
                        *s = match *s {
                            Some((col, true)) if col == c => Some((c, false)),
                            _ => Some((c, true)),
                        };
                    })
                }
            >
                {label}
                {arrow}
            </button>
        </th>
    }
}

/// One row's cells of a report table, each with the test id `{prefix}-{key}`.
pub(super) fn cells(table: &Table, shown: &[usize], row: &[Value], prefix: &str) -> impl IntoView {
    traced_cells(table, shown, row, prefix, None)
}

/// As `cells`, each figure that has an explanation opening it (`part`: "regions[青山区]"
/// or "industries[34]"); the click still reaches the row, which filters.
pub(super) fn traced_cells(
    table: &Table,
    shown: &[usize],
    row: &[Value],
    prefix: &str,
    part: Option<&str>,
) -> impl IntoView {
    shown
        .iter()
        .map(|&c| {
            let column = &table.columns[c];
            let shown = row[c].display();
            let key = part
                .zip(explained_field(column.key))
                .filter(|_| shown != "—" && !shown.is_empty())
                .map(|(part, field)| format!("{part}.{field}"));
            let content = match key {
                Some(key) => super::trace::traced(key, shown).into_any(),
                None => shown.into_any(),
            };
            view! {
                <td
                    class=cell_class(column, &row[c])
                    data-testid=format!("{prefix}-{}", column.key.id())
                >
                    {content}
                </td>
            }
        })
        .collect_view()
}

/// The explain field of a region's or industry's column (`industry-report explain`).
fn explained_field(key: ColumnKey) -> Option<&'static str> {
    Some(match key {
        ColumnKey::Enterprises => "enterprises",
        ColumnKey::Output => "output",
        ColumnKey::OutputPrior => "output_prior",
        ColumnKey::OutputGrowth => "output_growth_pct",
        ColumnKey::Contribution => "contribution_pct",
        ColumnKey::Pull => "pull_pp",
        ColumnKey::VaGrowth => "value_added_growth_pct",
        ColumnKey::Rank => "group_rank",
        ColumnKey::GrowthSince => "growth_since_pp",
        _ => return None,
    })
}

/// Rows of a report table (whose columns and wording the exports share), the chosen columns only, at most `limit`; a row is marked `overdue` when
/// `overdue(row)` says so.
pub(super) fn report_table(
    table: &Table,
    columns: &[usize],
    limit: usize,
    testid: &'static str,
    overdue: impl Fn(usize) -> bool,
) -> impl IntoView {
    let head = columns
        .iter()
        .map(|&c| header_cell(table, c))
        .collect_view();
    let rows = table
        .rows
        .iter()
        .take(limit)
        .enumerate()
        .map(|(r, row)| {
            view! {
                <tr data-testid=testid class:overdue=overdue(r)>
                    {cells(table, columns, row, testid)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data">
            <thead>
                <tr>{head}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A clickable row's filter: whether `key` is the selected one, and a click that selects
/// it (or, when it is, clears the selection).
fn selection(
    selected: ReadSignal<Option<String>>,
    key: String,
    toggle: fn(&super::session::Session, &str),
) -> (
    impl Fn() -> bool + 'static,
    impl Fn(web_sys::MouseEvent) + 'static,
) {
    let session = super::session::session();
    let mine = key.clone();
    let is_selected = move || selected.get().as_deref() == Some(mine.as_str());
    let toggle = move |_| toggle(&session, &key);
    (is_selected, toggle)
}

/// A region row's last cell: 溯源, opening where its growth and pull come from (the row
/// itself filters the enterprise table).
fn region_trace(name: &str) -> impl IntoView {
    view! {
        <td class="trace-cell" data-testid="region-trace-cell">
            {trace_button(
                format!("regions[{name}].output_growth_pct"),
                "region-trace",
                "查看这个县区的增速从哪里来",
            )}
        </td>
    }
}

/// An industry row's last cell, as a region row's.
fn part_trace(key: String, title: &'static str) -> impl IntoView {
    view! { <td class="trace-cell">{trace_button(key, "industry-trace", title)}</td> }
}

fn trace_button(key: String, testid: &'static str, title: &'static str) -> impl IntoView {
    let session = super::session::session();
    view! {
        <button
            class="link"
            data-testid=testid
            title=title
            on:click=move |ev| {
                ev.stop_propagation();
                session.open_trace(&key);
            }
        >
            "溯源"
        </button>
    }
}

/// Regions grouped 区 / 县（市）, each group headed by its "N升M降" line. The columns and
/// decimals are the export's (`report::tables::regions`); the group is the heading.
#[component]
pub fn RegionTable(analysis: Arc<Analysis>, selected: ReadSignal<Option<String>>) -> impl IntoView {
    let table = Arc::new(tables::regions(&analysis));
    let shown: Arc<Vec<usize>> = Arc::new(
        (0..table.columns.len())
            .filter(|&c| table.columns[c].key != ColumnKey::Group)
            .collect(),
    );
    // A sparkline of each region's growth by month once the year has two periods loaded.
    let sparks = analysis.year_points().len() >= 2;
    let width = shown.len() + 1 + usize::from(sparks);
    let sort = RwSignal::new(None::<(usize, bool)>);
    let head = shown
        .iter()
        .map(|&c| sort_header(&table, c, sort))
        .collect_view();
    let spark_head = sparks.then(|| {
        view! {
            <th class="spark-head" title="本年各期累计产值增速">
                "逐月走势"
            </th>
        }
    });
    let months = tables::region_months(&analysis).map(|t| {
        let columns: Vec<usize> = (0..t.columns.len()).collect();
        view! {
            <details class="region-months" data-testid="region-months">
                <summary>"县（市、区）× 月份：累计产值增速（%）"</summary>
                <CsvButton
                    testid="csv-region-months"
                    name="县区逐月增速"
                    make=csv::region_months_csv
                    analysis=analysis.clone()
                />
                {report_table(&t, &columns, usize::MAX, "region-month-row", |_| false)}
            </details>
        }
    });
    let groups = analysis.groups.clone();
    let for_body = analysis.clone();
    let body = move || {
        let (analysis, table, shown) = (&for_body, &table, &shown);
        groups
            .iter()
            .map(|g| {
                let line = format!(
                    "{}{}个：{}",
                    g.group.label(),
                    g.regions,
                    crate::report::phrases::ups_and_downs(g.regions, g.up, g.down)
                );
                let group_id = match g.group {
                    RegionGroup::District => "district",
                    RegionGroup::County => "county",
                    RegionGroup::Other => "other",
                };
                let members: Vec<usize> = (0..analysis.regions.len())
                    .filter(|&i| analysis.regions[i].group == g.group)
                    .collect();
                let rows = sorted(table, &members, sort.get())
                    .into_iter()
                    .map(|i| {
                        let r = &analysis.regions[i];
                        let (is_selected, toggle) = selection(
                            selected,
                            r.name.clone(),
                            super::session::Session::toggle_region,
                        );
                        view! {
                            <tr
                                data-testid="region-row"
                                data-name=r.name.clone()
                                class="clickable"
                                class:selected=is_selected
                                title="点击筛选该县区的企业"
                                on:click=toggle
                            >
                                {traced_cells(
                                    table,
                                    shown,
                                    &table.rows[i],
                                    "region",
                                    Some(&format!("regions[{}]", r.name)),
                                )}
                                {sparks
                                    .then(|| {
                                        view! {
                                            <td class="spark-cell">
                                                <super::sparkline::Sparkline
                                                    name=r.name.clone()
                                                    series=analysis.region_series(&r.name)
                                                />
                                            </td>
                                        }
                                    })}
                                {region_trace(&r.name)}
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <tbody>
                        <tr class="group-line">
                            <th colspan=width data-testid="group-line" data-group=group_id>
                                {line}
                            </th>
                        </tr>
                        {rows}
                    </tbody>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" id="sec-regions" data-testid="regions">
            <h2>
                "分县（市、区）"
                <CsvButton
                    testid="csv-regions"
                    name="分县（市、区）"
                    make=csv::regions_csv
                    analysis=analysis.clone()
                />
            </h2>
            <table class="data">
                <thead>
                    <tr>
                        {head}{spark_head}<th>
                            <span class="visually-hidden">"来源"</span>
                        </th>
                    </tr>
                </thead>
                {body}
            </table>
            {months}
        </section>
    }
}

/// Industries by division; clicking one filters the enterprise table to it. Columns and
/// decimals from `report::tables::industries`.
#[component]
pub fn IndustryTable(
    analysis: Arc<Analysis>,
    selected: ReadSignal<Option<String>>,
) -> impl IntoView {
    let table = Arc::new(tables::industries(&analysis));
    let shown: Arc<Vec<usize>> = Arc::new((0..table.columns.len()).collect());
    let sort = RwSignal::new(None::<(usize, bool)>);
    let head = shown
        .iter()
        .map(|&c| sort_header(&table, c, sort))
        .collect_view();
    let for_rows = analysis.clone();
    let rows = move || {
        let (analysis, table, shown) = (&for_rows, &table, &shown);
        let all: Vec<usize> = (0..analysis.industries.len()).collect();
        sorted(table, &all, sort.get())
            .into_iter()
            .map(|k| {
                let i = &analysis.industries[k];
                let (is_selected, toggle) = selection(
                    selected,
                    i.code.clone(),
                    super::session::Session::toggle_industry,
                );
                view! {
                    <tr
                        data-testid="industry-row"
                        data-code=i.code.clone()
                        class="clickable"
                        class:selected=is_selected
                        title="点击筛选该行业的企业"
                        on:click=toggle
                    >
                        {traced_cells(
                            table,
                            shown,
                            &table.rows[k],
                            "industry",
                            Some(&format!("industries[{}]", i.code)),
                        )}
                        {part_trace(
                            format!("industries[{}].output_growth_pct", i.code),
                            "查看这个行业的增速从哪里来",
                        )}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel" id="sec-industries" data-testid="industries">
            <h2>
                "分行业（大类）"
                <CsvButton
                    testid="csv-industries"
                    name="分行业"
                    make=csv::industries_csv
                    analysis=analysis.clone()
                />
            </h2>
            <table class="data">
                <thead>
                    <tr>
                        {head}<th>
                            <span class="visually-hidden">"来源"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// Above the headline when the period carries a 警告: how many, the worst in words, and
/// a link that opens the list. 说明 notes stay in the file table and the list.
#[component]
pub fn AlertBar(analysis: Arc<Analysis>) -> impl IntoView {
    crate::report::alert::alert(&analysis.warnings).map(|a| {
        let open_list = move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            let list = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("sec-warnings"));
            if let Some(list) = list {
                let _ = list.set_attribute("open", "");
                list.scroll_into_view();
            }
        };
        view! {
            <div class="alert" role="alert" data-testid="alert">
                <strong>{format!("{}条警告", a.count)}</strong>
                "："
                <span data-testid="alert-worst">{a.worst}</span>
                " "
                <a href="#sec-warnings" class="link" data-testid="alert-link" on:click=open_list>
                    "查看全部数据提示"
                </a>
            </div>
        }
    })
}

/// Warnings with file, sheet and cell, filterable by file and by any text.
#[component]
pub fn WarningList(analysis: Arc<Analysis>) -> impl IntoView {
    // Warnings first, then the notes of what was decided on the user's behalf.
    let all = analysis.diagnostics();
    let count = all.len();
    let notes = analysis.notes.len();
    let mut files: Vec<String> = all.iter().map(|w| w.at.file.clone()).collect();
    files.dedup();
    files.sort();
    files.dedup();
    let text = RwSignal::new(String::new());
    let file = RwSignal::new(String::new());
    // Drawn a page at a time: grouped warnings are few, but nothing bounds the notes.
    const PAGE: usize = 200;
    let limit = RwSignal::new(PAGE);
    let shown = Memo::new(move |_| {
        let needle = text.get().trim().to_lowercase();
        let file = file.get();
        all.iter()
            .filter(|w| file.is_empty() || w.at.file == file)
            .filter(|w| {
                needle.is_empty()
                    || [
                        w.at.file.as_str(),
                        w.at.sheet_name(),
                        w.at.cell_name(),
                        w.message.as_str(),
                    ]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&needle))
            })
            .cloned()
            .collect::<Vec<_>>()
    });
    (count > 0).then(|| {
        view! {
            <details class="panel warnings" id="sec-warnings" data-testid="warnings">
                <summary>
                    {if notes > 0 && notes < count {
                        format!(
                            "数据提示 {count} 条（{} {}、{} {notes}）",
                            Severity::Warning.label(),
                            count - notes,
                            Severity::Info.label(),
                        )
                    } else {
                        format!("数据提示 {count} 条")
                    }}
                </summary>
                <div class="filters">
                    <input
                        type="search"
                        placeholder="筛选：工作表、单元格或文字"
                        data-testid="warning-filter"
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                    {(files.len() > 1)
                        .then(|| {
                            view! {
                                <select
                                    data-testid="warning-file"
                                    on:change=move |ev| file.set(event_target_value(&ev))
                                >
                                    <option value="">"全部文件"</option>
                                    {files
                                        .iter()
                                        .map(|f| {
                                            view! { <option value=f.clone()>{f.clone()}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            }
                        })}
                    <span class="status">
                        "显示 "
                        <span data-testid="warning-count">{move || shown.with(Vec::len)}</span>
                        " 条"
                    </span>
                </div>
                <table class="data">
                    <thead>
                        <tr>
                            <th>"类型"</th>
                            <th>"文件"</th>
                            <th>"工作表"</th>
                            <th>"单元格"</th>
                            <th>"说明"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            shown
                                .with(|all| {
                                    all.iter().take(limit.get()).cloned().collect::<Vec<_>>()
                                })
                                .into_iter()
                                .map(|w| {
                                    view! {
                                        <tr
                                            data-testid="warning"
                                            class:note=w.severity == Severity::Info
                                        >
                                            <td>{w.severity.label()}</td>
                                            <td>{w.at.file}</td>
                                            <td>{w.at.sheet.unwrap_or_default()}</td>
                                            <td>{w.at.cell.unwrap_or_default()}</td>
                                            <td class="wrap">{w.message}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
                {move || {
                    let more = shown.with(Vec::len).saturating_sub(limit.get());
                    (more > 0)
                        .then(|| {
                            view! {
                                <button
                                    class="link"
                                    data-testid="warning-more"
                                    on:click=move |_| limit.update(|l| *l += PAGE)
                                >
                                    {format!("显示更多（还有 {more} 条）")}
                                </button>
                            }
                        })
                }}
            </details>
        }
    })
}

/// "导出CSV": the table as the user sees it, built when clicked.
#[component]
pub fn CsvButton(
    testid: &'static str,
    name: &'static str,
    make: fn(&Analysis) -> String,
    analysis: Arc<Analysis>,
) -> impl IntoView {
    view! {
        <button
            class="link export"
            data-testid=testid
            on:click=move |_| {
                let file = crate::report::briefing::export_name(&analysis, name, "csv");
                super::download::save(make(&analysis).as_bytes(), &file, super::download::CSV_MIME)
            }
        >
            "导出CSV"
        </button>
    }
}
