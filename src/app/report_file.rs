//! 导出分析报告 and opening one. The file is the app itself (scripts/report-file.js writes
//! it from this page) carrying the session's tables and settings — not the workbooks'
//! bytes — gzip'd and, with a password, sealed with AES-GCM by WebCrypto.

use super::download::save;
use super::persist::{restore_session_bytes, session_bytes};
use super::session::Session;
use crate::analysis::Analysis;
use crate::report::briefing::export_name;
use crate::report::report_meta::{Report, ReportMeta};
use js_sys::{Function, Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const HTML_MIME: &str = "text/html;charset=utf-8";

fn global(name: &str) -> Option<JsValue> {
    Reflect::get(&window(), &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The report this page is, if it is one.
pub fn carried() -> Option<Report> {
    let report = global("__industryMonitorReport")?;
    let meta = Reflect::get(&report, &"meta".into()).ok()?;
    let meta: ReportMeta =
        serde_json::from_str(&js_sys::JSON::stringify(&meta).ok()?.as_string()?).ok()?;
    let locked = Reflect::get(&report, &"locked".into())
        .ok()?
        .as_bool()
        .unwrap_or(false);
    Some(Report { meta, locked })
}

/// Why a report did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenError {
    /// The password does not open it (AES-GCM's tag did not verify).
    WrongPassword,
    /// Opened, but what it carries is not a session of this version.
    Unreadable,
}

impl OpenError {
    pub fn message(self) -> &'static str {
        match self {
            OpenError::WrongPassword => "密码不正确，请重新输入",
            OpenError::Unreadable => "报告中的数据无法读取：文件可能已损坏，或由另一版本生成",
        }
    }
}

/// Opens the report this page carries (`password` is ignored when it is not locked) and
/// shows its analysis. The password is not kept.
pub async fn open(session: Session, password: &str) -> Result<(), OpenError> {
    let report = global("__industryMonitorReport").ok_or(OpenError::Unreadable)?;
    let open: Function = Reflect::get(&report, &"open".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(OpenError::Unreadable)?;
    let promise: Promise = open
        .call1(&report, &password.into())
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or(OpenError::Unreadable)?;
    let bytes = JsFuture::from(promise)
        .await
        .map_err(|_| OpenError::WrongPassword)?;
    let bytes = Uint8Array::new(&bytes).to_vec();
    // Decoding and analysing are long tasks: not in the frame that hides the lock.
    super::schedule::next_task().await;
    if !restore_session_bytes(session, &bytes) {
        return Err(OpenError::Unreadable);
    }
    if let Some(mut r) = session.report().get_untracked() {
        r.locked = false;
        session.set_report(r);
    }
    Ok(())
}

/// "2026-12-06 17:05", local time.
/// Local time to the minute: "2026-12-06 17:05".
pub(super) fn now() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Writes the report file of this session and hands it to the browser as a download.
pub async fn export(
    session: Session,
    analysis: &Analysis,
    password: &str,
) -> Result<String, String> {
    let writer: Function = global("__industryMonitorWriteReport")
        .and_then(|f| f.dyn_into().ok())
        .ok_or("只有单文件版本（industry-monitor.html）可以导出分析报告")?;
    let payload = session_bytes(session).ok_or("本次分析的数据无法打包")?;
    let name = export_name(analysis, "工业经济运行分析", "html");
    let meta = ReportMeta {
        title: name.trim_end_matches(".html").to_string(),
        files: session
            .files()
            .with_untracked(|f| f.iter().map(|f| f.name.clone()).collect()),
        period: analysis.period.map_or(String::new(), |p| p.label()),
        made: now(),
    };
    let meta = js_sys::JSON::parse(&serde_json::to_string(&meta).map_err(|e| e.to_string())?)
        .map_err(|_| "报告说明无法写入")?;
    let promise: Promise = writer
        .call3(
            &JsValue::NULL,
            &Uint8Array::from(payload.as_slice()),
            &meta,
            &password.into(),
        )
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or("浏览器无法生成报告文件")?;
    let html = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|h| h.as_string())
        .ok_or("浏览器无法生成报告文件（加密或压缩失败）")?;
    save(html.as_bytes(), &name, HTML_MIME);
    Ok(name)
}
