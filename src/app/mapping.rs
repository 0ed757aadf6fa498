//! The column mapping editor: each field with the header it was taken from, a dropdown to
//! correct it, and the correction remembered in localStorage for every later file whose
//! header has the same signature.

use super::session::{session, Session};
use super::storage;
use crate::ingest::cell_ref::column_letters;
use crate::ingest::SheetReport;
use crate::ingest::{Field, IngestOptions, MappingOverrides, MoneyUnit, RegionFrom};
use leptos::prelude::*;
use std::collections::BTreeMap;

const MAPPINGS_KEY: &str = "industry-monitor.mappings";

/// The corrections remembered from earlier sessions.
pub fn remembered() -> MappingOverrides {
    storage::get_json(MAPPINGS_KEY).unwrap_or_default()
}

fn remember(overrides: &MappingOverrides) {
    storage::set_json(MAPPINGS_KEY, overrides);
}

const REGION_FROM_KEY: &str = "industry-monitor.region-from";
const REGION_NAMES_KEY: &str = "industry-monitor.region-names";
const UNITS_KEY: &str = "industry-monitor.units";

/// The region sources remembered from earlier sessions, by header signature.
pub fn remembered_region_from() -> BTreeMap<String, RegionFrom> {
    storage::get_json(REGION_FROM_KEY).unwrap_or_default()
}

/// The region names the user corrected in earlier sessions.
pub fn remembered_region_names() -> BTreeMap<String, String> {
    storage::get_json(REGION_NAMES_KEY).unwrap_or_default()
}

/// The money units the user chose in earlier sessions, by header signature.
pub fn remembered_units() -> BTreeMap<String, MoneyUnit> {
    storage::get_json(UNITS_KEY).unwrap_or_default()
}

/// Applies a correction through the session (which reads the files again, or undoes a
/// correction that would lose a table) and remembers the options that stand.
fn correct(session: Session, change: impl FnOnce(&mut IngestOptions)) {
    if session.change_options(change) {
        remember_options(session);
    }
}

fn remember_options(session: Session) {
    session.options().with_untracked(|o| {
        remember(&o.overrides);
        storage::set_json(REGION_FROM_KEY, &o.region_from);
        storage::set_json(REGION_NAMES_KEY, &o.region_names);
        storage::set_json(UNITS_KEY, &o.units);
    });
}

/// Takes the region of tables with this header from `from` (or, with `None`, from a
/// column again).
fn choose_region_from(session: Session, signature: &str, from: Option<RegionFrom>) {
    correct(session, |o| match from {
        Some(from) => {
            o.region_from.insert(signature.to_string(), from);
        }
        None => {
            o.region_from.remove(signature);
        }
    });
}

/// Reads the region written `written` as `read` (or, when `read` is empty, as the
/// automatic short name again).
fn correct_region_name(session: Session, written: &str, read: &str) {
    let read = read.trim();
    correct(session, |o| {
        if read.is_empty() {
            o.region_names.remove(written);
        } else {
            o.region_names.insert(written.to_string(), read.to_string());
        }
    });
}

/// Reads tables with this header in `unit` (or, with `None`, the detected unit again).
fn choose_unit(session: Session, signature: &str, unit: Option<MoneyUnit>) {
    correct(session, |o| match unit {
        Some(u) => {
            o.units.insert(signature.to_string(), u);
        }
        None => {
            o.units.remove(signature);
        }
    });
}

/// The select's value for a region source.
fn region_from_value(from: &RegionFrom) -> &'static str {
    match from {
        RegionFrom::SheetName => "from:sheet",
        RegionFrom::Title => "from:title",
        RegionFrom::FileName => "from:file",
        RegionFrom::Manual(_) => "from:manual",
    }
}

/// Sets (or, with `None` for `choice`, clears) the user's column for `field` under
/// `signature`. Choosing a column for the region drops a region source chosen before.
fn choose(session: Session, signature: &str, field: Field, choice: Option<Option<usize>>) {
    correct(session, |o| {
        if field == Field::Region {
            o.region_from.remove(signature);
        }
        let entry = o.overrides.entry(signature.to_string()).or_default();
        match choice {
            Some(col) => {
                entry.insert(field, col);
            }
            None => {
                entry.remove(&field);
            }
        }
        if entry.is_empty() {
            o.overrides.remove(signature);
        }
    });
}

fn field_id(field: Field) -> String {
    serde_json::to_value(field)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// How the column was chosen, for the user to judge.
fn source_note(report: &SheetReport, field: Field, overridden: bool) -> (&'static str, String) {
    if overridden {
        return ("manual", "手动指定".into());
    }
    match report.mapping.as_ref().and_then(|m| m.fields.get(&field)) {
        Some(m) if m.confidence >= 0.99 => ("auto", "自动识别".into()),
        Some(m) => (
            "guess",
            format!("推测（把握 {:.0}%），请核对", m.confidence * 100.0),
        ),
        None if Field::REQUIRED.contains(&field) => ("missing", "缺少，必须指定".into()),
        None => ("none", "未使用".into()),
    }
}

/// The editor for one sheet's header.
#[component]
pub fn MappingEditor(report: SheetReport) -> impl IntoView {
    let session = session();
    let Some(signature) = report.signature.clone() else {
        return ().into_any();
    };
    let overrides = session
        .options()
        .with_untracked(|o| o.overrides.get(&signature).cloned().unwrap_or_default());
    let region_from = session
        .options()
        .with_untracked(|o| o.region_from.get(&signature).cloned());
    // The editor a correction came from stays open through the re-reading it causes.
    let (file, sheet) = (report.file.clone(), report.sheet.clone());
    let hold_open = move || session.set_editor_open(&file, &sheet, true);
    let has_overrides = !overrides.is_empty()
        || region_from.is_some()
        || session
            .options()
            .with_untracked(|o| o.units.contains_key(&signature));
    let region_taken = report.region.clone();
    let headers = report.headers.clone();
    let rows = Field::ALL
        .into_iter()
        .map(|field| {
            let current = report.mapping.as_ref().and_then(|m| m.column(field));
            let (class, note) = match (&region_taken, field) {
                (Some((region, origin)), Field::Region) => {
                    ("auto", format!("表中无县区列，取自{origin}：{region}"))
                }
                _ => source_note(&report, field, overrides.contains_key(&field)),
            };
            let signature = signature.clone();
            let manual_signature = signature.clone();
            let hold = hold_open.clone();
            let on_change = move |ev: leptos::ev::Event| {
                hold();
                let value = event_target_value(&ev);
                let from = match value.as_str() {
                    "from:sheet" => Some(RegionFrom::SheetName),
                    "from:title" => Some(RegionFrom::Title),
                    "from:file" => Some(RegionFrom::FileName),
                    "from:manual" => Some(RegionFrom::Manual(String::new())),
                    _ => None,
                };
                match from {
                    Some(from) => choose_region_from(session, &signature, Some(from)),
                    None => choose(
                        session,
                        &signature,
                        field,
                        Some(value.parse::<usize>().ok()),
                    ),
                }
            };
            let required = Field::REQUIRED.contains(&field);
            let is_region = field == Field::Region;
            let chosen_from = region_from.clone().filter(|_| is_region);
            let region_options = is_region.then(|| {
                [
                    RegionFrom::SheetName,
                    RegionFrom::Title,
                    RegionFrom::FileName,
                    RegionFrom::Manual(String::new()),
                ]
                .into_iter()
                .map(|from| {
                    let selected = chosen_from
                        .as_ref()
                        .is_some_and(|c| region_from_value(c) == region_from_value(&from));
                    view! {
                        <option value=region_from_value(&from) selected=selected>
                            {from.label()}
                        </option>
                    }
                })
                .collect_view()
            });
            let manual = match &chosen_from {
                Some(RegionFrom::Manual(name)) => {
                    let name = name.clone();
                    let hold = hold_open.clone();
                    let on_input = move |ev: leptos::ev::Event| {
                        hold();
                        let typed = event_target_value(&ev);
                        choose_region_from(
                            session,
                            &manual_signature,
                            Some(RegionFrom::Manual(typed)),
                        );
                    };
                    Some(view! {
                        <input
                            data-testid="mapping-region-manual"
                            type="text"
                            placeholder="县区名称，如 青山区"
                            prop:value=name
                            on:change=on_input
                        />
                    })
                }
                _ => None,
            };
            // A column is shown as chosen for the region only when no other source is.
            let other_source = is_region && region_from.is_some();
            let column_selected = move |col: usize| current == Some(col) && !other_source;
            let sample = current
                .filter(|_| !other_source)
                .and_then(|c| report.samples.get(c))
                .filter(|s| !s.is_empty())
                .map(|s| {
                    view! {
                        <div class="mapping-samples" data-testid="mapping-samples">
                            {format!("例：{s}")}
                        </div>
                    }
                });
            view! {
                <tr data-testid="mapping-field" data-field=field_id(field)>
                    <th>{field.label()}{required.then_some(" *")}</th>
                    <td>
                        <select data-testid="mapping-select" on:change=on_change>
                            <option value="" selected=current.is_none() && !other_source>
                                "（不使用）"
                            </option>
                            {region_options}
                            {headers
                                .iter()
                                .enumerate()
                                .map(|(col, h)| {
                                    let label = if h.is_empty() {
                                        "（空表头）".to_string()
                                    } else {
                                        h.clone()
                                    };
                                    view! {
                                        <option value=col.to_string() selected=column_selected(col)>
                                            {format!("{}列：{}", column_letters(col), label)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        {manual}
                        {sample}
                    </td>
                    <td class=format!("mapping-note {class}") data-testid="mapping-note">
                        {note}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let names = (!report.region_names.is_empty()).then(|| {
        let rows = report
            .region_names
            .iter()
            .map(|(written, read)| {
                let key = written.clone();
                let hold = hold_open.clone();
                let on_change = move |ev: leptos::ev::Event| {
                    hold();
                    correct_region_name(session, &key, &event_target_value(&ev));
                };
                view! {
                    <tr data-testid="region-name" data-written=written.clone()>
                        <th>{written.clone()}</th>
                        <td>
                            <input
                                type="text"
                                data-testid="region-name-input"
                                prop:value=read.clone()
                                on:change=on_change
                            />
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p class="status">
                "县区名称（左为表中写法，右为计算和讲话稿中使用的名称，可修改）："
            </p>
            <table class="data mapping-table" data-testid="region-names">
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let reset_signature = signature.clone();
    let reset = move |_| {
        session.reset_options(|o| {
            o.overrides.remove(&reset_signature);
            o.region_from.remove(&reset_signature);
            o.units.remove(&reset_signature);
        });
        remember_options(session);
    };
    // The city's own name: how the province table finds it, and what the speech and the
    // exports are named after, when the title does not say it (or says it wrongly).
    let city_row = report.unit.map(|_| {
        let typed = session
            .settings()
            .with_untracked(|s| s.city.clone())
            .unwrap_or_default();
        let on_city = move |ev: leptos::ev::Event| {
            let name = event_target_value(&ev).trim().to_string();
            session.change_settings(|s| s.city = (!name.is_empty()).then_some(name));
        };
        view! {
            <tr data-testid="mapping-city">
                <th>"城市名称"</th>
                <td>
                    <input
                        type="text"
                        data-testid="mapping-city-input"
                        placeholder="如 青川市（留空则取自标题）"
                        prop:value=typed
                        on:change=on_city
                    />
                </td>
                <td class="mapping-note">
                    "用于在全省各市增速表中找到本市、命名讲话稿和导出文件"
                </td>
            </tr>
        }
    });
    let unit_row = report.unit.map(|read_in| {
        let chosen = session
            .options()
            .with_untracked(|o| o.units.get(&signature).copied());
        let unit_signature = signature.clone();
        let hold = hold_open.clone();
        let on_unit = move |ev: leptos::ev::Event| {
            hold();
            let unit = MoneyUnit::parse(&event_target_value(&ev));
            choose_unit(session, &unit_signature, unit);
        };
        view! {
            <tr data-testid="mapping-unit">
                <th>"计量单位"</th>
                <td>
                    <select data-testid="mapping-unit-select" on:change=on_unit>
                        <option value="" selected=chosen.is_none()>
                            {format!("自动识别（{}）", read_in.label())}
                        </option>
                        {[MoneyUnit::Yuan, MoneyUnit::Qian, MoneyUnit::Wan, MoneyUnit::Yi]
                            .into_iter()
                            .map(|u| {
                                view! {
                                    <option value=u.label() selected=chosen == Some(u)>
                                        {u.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </td>
                <td class="mapping-note" data-testid="mapping-note">
                    {if chosen.is_some() {
                        "手动指定"
                    } else {
                        "产值列的单位；读错时金额会差千倍、万倍"
                    }}
                </td>
            </tr>
        }
    });
    view! {
        <div class="mapping" data-testid="mapping-editor">
            <p class="status">
                "每个字段取自哪一列；识别有误时在下拉框中改正。改正会记在本机浏览器中，以后载入表头相同的文件时自动套用。"
            </p>
            <table class="data mapping-table">
                <tbody>{rows}{unit_row}{city_row}</tbody>
            </table>
            {names}
            {has_overrides
                .then(|| {
                    view! {
                        <button class="link" data-testid="mapping-reset" on:click=reset>
                            "恢复自动识别"
                        </button>
                    }
                })}
        </div>
    }
    .into_any()
}
