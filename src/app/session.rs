//! What the page holds and every way it changes: the loaded files with their tables, the
//! messages for files that could not be read, the files being read and their stage, the
//! options and settings, the demo flag, the table filters and the colour convention.
//! Components reach it through the context ([`session`]) and change it only through these
//! methods, so a failed file never disturbs the loaded ones and the reset clears it all.

use super::load_error::LoadError;
use crate::analysis::{analyze, Analysis, Settings};
use crate::ingest::{ingest, no_enterprise_table_message, Format, IngestOptions, SheetReport};
use crate::model::Sources;
use crate::report::draft::Draft;
use crate::report::report_meta::Report;
use leptos::prelude::*;
use std::sync::Arc;

/// A file's bytes, kept so that a mapping correction can read it again. Compared by
/// identity: comparing megabytes on each update would cost more than the re-read.
#[derive(Clone)]
pub struct RawBytes(pub Arc<[u8]>);

impl PartialEq for RawBytes {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for RawBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RawBytes({} bytes)", self.0.len())
    }
}

/// One file as the session holds it: what was read from it, by sheet, and its tables.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    pub format: Format,
    pub sheets: Vec<SheetReport>,
    pub sources: Sources,
    /// `None` for a file restored from the browser's storage (only its tables are kept).
    pub bytes: Option<RawBytes>,
    /// Distinct for every reading, so the list re-renders a file read again.
    pub reading: u32,
}

/// What is kept of a file without its bytes: in IndexedDB, and on the way back from the
/// Web Worker that read it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FileTables {
    pub name: String,
    pub format: Format,
    pub sheets: Vec<SheetReport>,
    pub sources: Sources,
}

/// A loaded file's `FileTables` without copying them: serialised, it reads back as a
/// `FileTables` (same fields, same order; a slice and a `Vec` encode alike). Saving a
/// province's session then serialises the tables where they lie.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct FileTablesRef<'a> {
    pub name: &'a str,
    pub format: Format,
    pub sheets: &'a [SheetReport],
    pub sources: &'a Sources,
}

impl<'a> FileTablesRef<'a> {
    pub fn of(f: &'a LoadedFile) -> Self {
        FileTablesRef {
            name: &f.name,
            format: f.format,
            sheets: &f.sheets,
            sources: &f.sources,
        }
    }

    pub fn of_tables(f: &'a FileTables) -> Self {
        FileTablesRef {
            name: &f.name,
            format: f.format,
            sheets: &f.sheets,
            sources: &f.sources,
        }
    }
}

impl FileTables {
    pub fn into_loaded(self, bytes: Option<RawBytes>) -> LoadedFile {
        LoadedFile {
            name: self.name,
            format: self.format,
            sheets: self.sheets,
            sources: self.sources,
            bytes,
            reading: next_reading(),
        }
    }
}

/// A fresh `reading` number.
fn next_reading() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Reads one file's bytes into what the session keeps of it.
pub fn load_bytes(
    bytes: &[u8],
    name: &str,
    options: &IngestOptions,
) -> Result<LoadedFile, LoadError> {
    let read = ingest(bytes.to_vec(), name, options, &mut || {})?;
    Ok(LoadedFile {
        name: name.into(),
        format: read.format,
        sheets: read.sheets,
        sources: read.sources,
        bytes: Some(RawBytes(bytes.into())),
        reading: next_reading(),
    })
}

/// The enterprise tables `before` had and `after` (the same file read again) lost.
fn lost_tables(before: &LoadedFile, after: &LoadedFile) -> Vec<LoadError> {
    before
        .sheets
        .iter()
        .filter(|s| s.enterprises > 0)
        .filter_map(|old| {
            let new = after.sheets.iter().find(|s| s.sheet == old.sheet);
            if new.is_some_and(|n| n.enterprises > 0) {
                return None;
            }
            // A sheet that lost its name column is no longer taken for an enterprise table,
            // so its own `missing` is empty: ask its mapping.
            let missing = new
                .map(|n| match (&n.mapping, n.missing.is_empty()) {
                    (Some(m), true) => m.missing_required(),
                    _ => n.missing.clone(),
                })
                .unwrap_or_default()
                .iter()
                .map(|f| f.label().to_string())
                .collect();
            Some(LoadError::TableLost {
                file: before.name.clone(),
                sheet: old.sheet.clone(),
                missing,
            })
        })
        .collect()
}

/// All loaded files' tables together, in load order.
pub fn combined_sources(files: &[LoadedFile]) -> Sources {
    let mut all = Sources::default();
    for f in files {
        all.absorb(f.sources.clone());
    }
    all
}

/// The analysis of everything loaded, or why there is none. `None` while nothing is loaded.
pub fn current_analysis(
    files: &[LoadedFile],
    settings: &Settings,
) -> Option<Result<Arc<Analysis>, String>> {
    analysis_of(files, &combined_sources(files), settings)
}

/// The analysis of `sources` (the files' tables combined once, reused across settings
/// changes), or why there is none.
pub fn analysis_of(
    files: &[LoadedFile],
    sources: &Sources,
    settings: &Settings,
) -> Option<Result<Arc<Analysis>, String>> {
    if files.is_empty() {
        return None;
    }
    if sources.enterprises.is_empty() {
        let reports: Vec<_> = files
            .iter()
            .flat_map(|f| f.sheets.iter().cloned())
            .collect();
        return Some(Err(no_enterprise_table_message(&reports)));
    }
    Some(
        analyze(sources, settings)
            .map(Arc::new)
            .map_err(|e| e.to_string()),
    )
}

/// Selects `key` in `filter`, or clears it when it is already selected.
fn toggle(filter: RwSignal<Option<String>>, key: &str) {
    filter.update(|now| {
        *now = if now.as_deref() == Some(key) {
            None
        } else {
            Some(key.to_string())
        }
    });
}

/// What of the ledgers filters the enterprise table: resolved against each analysis, so a
/// change of period keeps the filter's meaning, not stale row numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerFilter {
    Leader(String),
    Reason(String),
    /// Stopped or reduced, named by no 停减产台账 row.
    Untracked,
    /// The enterprises that made one transition since the previous period (本月变化).
    Change(crate::analysis::Transition),
}

impl LedgerFilter {
    pub fn label(&self) -> String {
        match self {
            LedgerFilter::Leader(l) => format!("包保领导：{l}"),
            LedgerFilter::Reason(r) => format!("停减产原因：{r}"),
            LedgerFilter::Untracked => "未列入停减产台账的停减产企业".into(),
            LedgerFilter::Change(t) => format!("本月变化：{}", t.label()),
        }
    }

    /// The enterprises (indices into `a.enterprises`) it keeps, sorted.
    pub fn members(&self, a: &Analysis) -> Vec<usize> {
        let l = a.ledgers.as_ref();
        let mut out: Vec<usize> = match self {
            LedgerFilter::Leader(name) => l
                .and_then(|l| l.key.as_ref())
                .and_then(|k| k.leaders.iter().find(|x| x.leader == *name))
                .map(|x| x.members.iter().map(|m| m.enterprise).collect())
                .unwrap_or_default(),
            LedgerFilter::Reason(reason) => l
                .and_then(|l| l.stop_reduce.as_ref())
                .and_then(|s| s.reasons.iter().find(|x| x.reason == *reason))
                .map(|x| x.members.iter().map(|m| m.enterprise).collect())
                .unwrap_or_default(),
            LedgerFilter::Untracked => l
                .and_then(|l| l.stop_reduce.as_ref())
                .map(|s| s.untracked_enterprises.clone())
                .unwrap_or_default(),
            LedgerFilter::Change(t) => a
                .transitions
                .as_ref()
                .map(|x| {
                    x.members
                        .iter()
                        .filter(|m| m.transition == *t)
                        .map(|m| m.enterprise)
                        .collect()
                })
                .unwrap_or_default(),
        };
        out.sort_unstable();
        out
    }
}

/// The stages a load goes through, as the progress bar names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Read,
    Parse,
    Recognise,
    Compute,
    Draw,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Read,
        Stage::Parse,
        Stage::Recognise,
        Stage::Compute,
        Stage::Draw,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Read => "读取",
            Stage::Parse => "解析",
            Stage::Recognise => "识别表头",
            Stage::Compute => "计算",
            Stage::Draw => "绘制",
        }
    }

    /// How the worker names it in its messages.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Parse => "parse",
            Stage::Recognise => "recognise",
            Stage::Compute => "compute",
            Stage::Draw => "draw",
        }
    }

    pub fn from_id(id: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.id() == id)
    }

    /// 1-based step, for the progress bar.
    pub fn step(self) -> usize {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }
}

/// The page's state. Copy: every field is a signal handle.
#[derive(Clone, Copy)]
pub struct Session {
    files: RwSignal<Vec<LoadedFile>>,
    errors: RwSignal<Vec<LoadError>>,
    /// (file name, stage) of each file being read.
    progress: RwSignal<Vec<(String, Stage)>>,
    options: RwSignal<IngestOptions>,
    settings: RwSignal<Settings>,
    /// The files shown are the built-in demo.
    demo: RwSignal<bool>,
    /// The region clicked in the region table, filtering the enterprise table.
    region_filter: RwSignal<Option<String>>,
    /// The industry (division code) clicked in the industry chart or table.
    industry_filter: RwSignal<Option<String>>,
    /// A leader, a reason or the untracked list of the ledger panel, filtering the
    /// enterprise table.
    ledger_filter: RwSignal<Option<LedgerFilter>>,
    /// 绿涨红跌 instead of the Chinese 红涨绿跌.
    green_up: RwSignal<bool>,
    /// The mapping editors open, by (file, sheet): kept across the re-readings a
    /// correction causes, so several corrections can be made in a row.
    /// Open (true) or closed by the user; a sheet not in it is open when it misses a
    /// required column.
    open_editors: RwSignal<std::collections::BTreeMap<(String, String), bool>>,
    /// The figure whose derivation is shown (its contract key), if any.
    trace: RwSignal<Option<String>>,
    /// This page is a report file: its tables are not saved in this browser (a locked
    /// report's tables must not land unlocked in IndexedDB).
    report: RwSignal<Option<Report>>,
    /// The speech draft's choices: paragraphs left out or rewritten.
    draft: RwSignal<Draft>,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The session of the page, from the context the app provides.
pub fn session() -> Session {
    expect_context::<Session>()
}

impl Session {
    pub fn new() -> Self {
        Session {
            files: RwSignal::new(Vec::new()),
            errors: RwSignal::new(Vec::new()),
            progress: RwSignal::new(Vec::new()),
            options: RwSignal::new(IngestOptions::default()),
            settings: RwSignal::new(Settings::default()),
            demo: RwSignal::new(false),
            region_filter: RwSignal::new(None),
            industry_filter: RwSignal::new(None),
            ledger_filter: RwSignal::new(None),
            green_up: RwSignal::new(false),
            open_editors: RwSignal::new(Default::default()),
            trace: RwSignal::new(None),
            report: RwSignal::new(None),
            draft: RwSignal::new(Draft::default()),
        }
    }

    // Reading: every signal read-only outside this module; it changes only through the
    // methods below.
    pub fn files(&self) -> ReadSignal<Vec<LoadedFile>> {
        self.files.read_only()
    }

    pub fn errors(&self) -> ReadSignal<Vec<LoadError>> {
        self.errors.read_only()
    }

    pub fn progress(&self) -> ReadSignal<Vec<(String, Stage)>> {
        self.progress.read_only()
    }

    pub fn options(&self) -> ReadSignal<IngestOptions> {
        self.options.read_only()
    }

    pub fn settings(&self) -> ReadSignal<Settings> {
        self.settings.read_only()
    }

    pub fn demo(&self) -> ReadSignal<bool> {
        self.demo.read_only()
    }

    pub fn draft(&self) -> ReadSignal<Draft> {
        self.draft.read_only()
    }

    /// Paragraph `id` is read in the speech (true) or left out.
    pub fn include_paragraph(&self, id: &str, include: bool) {
        self.draft.update(|d| d.set_include(id, include));
    }

    /// Paragraph `id` rewritten as `text`, from the generated `from`.
    pub fn rewrite_paragraph(&self, id: &str, text: &str, from: &str) {
        self.draft.update(|d| d.set_text(id, text, from));
    }

    /// The draft's section `section` titled `title` (empty: its default title).
    pub fn retitle_section(&self, section: usize, title: &str) {
        self.draft.update(|d| d.set_title(section, title));
    }

    /// Paragraph `id` back to the generated text.
    pub fn restore_paragraph(&self, id: &str) {
        self.draft.update(|d| d.restore(id));
    }

    pub fn report(&self) -> ReadSignal<Option<Report>> {
        self.report.read_only()
    }

    /// This page is the report file `report` (still locked or opened).
    pub fn set_report(&self, report: Report) {
        self.report.set(Some(report));
    }

    pub fn region_filter(&self) -> ReadSignal<Option<String>> {
        self.region_filter.read_only()
    }

    pub fn industry_filter(&self) -> ReadSignal<Option<String>> {
        self.industry_filter.read_only()
    }

    pub fn ledger_filter(&self) -> ReadSignal<Option<LedgerFilter>> {
        self.ledger_filter.read_only()
    }

    pub fn green_up(&self) -> ReadSignal<bool> {
        self.green_up.read_only()
    }

    pub fn open_editors(&self) -> ReadSignal<std::collections::BTreeMap<(String, String), bool>> {
        self.open_editors.read_only()
    }

    /// Applies what was remembered in this browser (mapping corrections, region sources
    /// and names, units; targets), before any file is read.
    pub fn remember_choices(
        &self,
        options: impl FnOnce(&mut IngestOptions),
        targets: Option<crate::model::Targets>,
    ) {
        self.options.update(options);
        self.settings.update(|s| s.targets = targets);
    }

    /// The settings, colour convention and speech draft of a stored session.
    pub fn restore_settings(&self, settings: Settings, green_up: bool, draft: Draft) {
        self.settings.set(settings);
        self.green_up.set(green_up);
        self.draft.set(draft);
    }

    /// The analysed period (`None`: the latest loaded).
    pub fn set_period(&self, period: Option<crate::model::Period>) {
        self.settings.update(|s| s.period = period);
    }

    /// Quarter targets typed in the form (`None` clears them: the 目标任务 sheet's apply).
    pub fn set_targets(&self, targets: Option<crate::model::Targets>) {
        self.settings.update(|s| s.targets = targets);
    }

    /// The 调度推演 levers.
    pub fn set_levers(&self, levers: Option<crate::analysis::Levers>) {
        self.settings.update(|s| s.levers = levers);
    }

    /// Any other change of the analysis settings (a ledger choice, the as-of date).
    pub fn change_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
    }

    /// 绿涨红跌 (true) or the Chinese 红涨绿跌.
    pub fn set_green_up(&self, on: bool) {
        self.green_up.set(on);
    }

    /// The messages are read and put away.
    pub fn dismiss_errors(&self) {
        self.errors.set(Vec::new());
    }

    /// Filters the enterprise table to `region`, or (clicked again) clears it.
    pub fn toggle_region(&self, region: &str) {
        toggle(self.region_filter, region);
    }

    /// Filters the enterprise table to `region` (a chart bar, a select), or clears it.
    pub fn set_region_filter(&self, region: Option<String>) {
        self.region_filter.set(region);
    }

    /// Filters the enterprise table to the division `code`, or (clicked again) clears it.
    pub fn toggle_industry(&self, code: &str) {
        toggle(self.industry_filter, code);
    }

    pub fn set_industry_filter(&self, code: Option<String>) {
        self.industry_filter.set(code);
    }

    /// Filters the enterprise table by a ledger's leader or reason, or (the same again)
    /// clears it.
    pub fn toggle_ledger_filter(&self, filter: LedgerFilter) {
        self.ledger_filter.update(|now| {
            *now = if now.as_ref() == Some(&filter) {
                None
            } else {
                Some(filter)
            }
        });
    }

    /// Keeps the enterprises of one transition since the previous period, or (`None`)
    /// clears it.
    pub fn set_change_filter(&self, change: Option<crate::analysis::Transition>) {
        self.ledger_filter.set(change.map(LedgerFilter::Change));
    }

    /// The figure whose derivation is shown.
    pub fn trace(&self) -> ReadSignal<Option<String>> {
        self.trace.read_only()
    }

    /// Shows where the figure `key` comes from.
    pub fn open_trace(&self, key: &str) {
        self.trace.set(Some(key.to_string()));
    }

    pub fn close_trace(&self) {
        self.trace.set(None);
    }

    /// Keeps exactly the enterprises `filter` selects (whatever was selected before).
    pub fn set_ledger_filter(&self, filter: LedgerFilter) {
        self.ledger_filter.set(Some(filter));
    }

    pub fn clear_ledger_filter(&self) {
        self.ledger_filter.set(None);
    }

    /// How many files are being read.
    pub fn pending(&self) -> usize {
        self.progress.with_untracked(Vec::len)
    }

    /// Files named `names` start reading.
    pub fn start_reading(&self, names: impl IntoIterator<Item = String>) {
        self.progress
            .update(|p| p.extend(names.into_iter().map(|n| (n, Stage::Read))));
    }

    /// Shows `stage` for the file `name`.
    pub fn set_stage(&self, name: &str, stage: Stage) {
        self.progress.update(|p| {
            if let Some(entry) = p.iter_mut().find(|(n, _)| n == name) {
                entry.1 = stage;
            }
        });
    }

    /// The file `name` is no longer being read (loaded, failed or cancelled).
    pub fn finish_reading(&self, name: &str) {
        self.progress.update(|p| {
            if let Some(i) = p.iter().position(|(n, _)| n == name) {
                p.remove(i);
            }
        });
    }

    pub fn report_error(&self, error: LoadError) {
        self.errors.update(|e| e.push(error));
    }

    /// Adds a file read; a file of the same name (dropped again) is replaced.
    pub fn add_file(&self, loaded: LoadedFile) {
        self.files.update(|files| {
            files.retain(|f| f.name != loaded.name);
            files.push(loaded);
        });
    }

    pub fn remove_file(&self, name: &str) {
        self.files.update(|f| f.retain(|x| x.name != name));
    }

    /// Of the files `among` (holding the same period's table), keeps `name` only, and
    /// stops merging them.
    pub fn keep_one(&self, name: &str, among: &[String]) {
        self.files
            .update(|f| f.retain(|x| x.name == name || !among.contains(&x.name)));
        self.settings.update(|s| s.merge_same_period = false);
    }

    /// Merges the same period's tables by credit code instead of keeping one.
    pub fn merge_same_period(&self) {
        self.settings.update(|s| s.merge_same_period = true);
    }

    /// Puts back the files restored from storage; files dropped while they were read
    /// win over their saved versions.
    pub fn restore_files(&self, restored: Vec<LoadedFile>) {
        self.files.update(|now| {
            let dropped: Vec<LoadedFile> = std::mem::take(now);
            let mut all: Vec<LoadedFile> = restored
                .into_iter()
                .filter(|r| !dropped.iter().any(|d| d.name == r.name))
                .collect();
            all.extend(dropped);
            *now = all;
        });
    }

    /// Shows the demo files, unless the user has loaded or is loading files of their own.
    /// Returns whether it did.
    pub fn show_demo(&self, files: Vec<LoadedFile>) -> bool {
        if !self.files.with_untracked(Vec::is_empty) || self.pending() > 0 {
            return false;
        }
        self.files.set(files);
        self.demo.set(true);
        true
    }

    /// Removes the demo files (the user's own files stay).
    pub fn clear_demo(&self) {
        if self.demo.get_untracked() {
            self.files.set(Vec::new());
            self.demo.set(false);
        }
    }

    /// Opens or closes the mapping editor of `file`'s `sheet`.
    pub fn set_editor_open(&self, file: &str, sheet: &str, open: bool) {
        let key = (file.to_string(), sheet.to_string());
        if self
            .open_editors
            .with_untracked(|o| o.get(&key) != Some(&open))
        {
            self.open_editors.update(|o| {
                o.insert(key, open);
            });
        }
    }

    /// Changes the reading options (a column, a region source, a region name, a unit)
    /// and reads every file again. When the change would lose an enterprise table that
    /// was read (a wrong column chosen), it is undone: the last good reading stays, and
    /// a message says why. Returns whether the change was kept.
    pub fn change_options(&self, change: impl FnOnce(&mut IngestOptions)) -> bool {
        self.apply_options(change, true)
    }

    /// Changes the reading options and reads every file again, whatever is lost: the
    /// user asked for it (恢复自动识别).
    pub fn reset_options(&self, change: impl FnOnce(&mut IngestOptions)) {
        self.apply_options(change, false);
    }

    fn apply_options(&self, change: impl FnOnce(&mut IngestOptions), guarded: bool) -> bool {
        let before = self.options.get_untracked();
        let mut after = before.clone();
        change(&mut after);
        let files = self.files.get_untracked();
        let mut again = Vec::with_capacity(files.len());
        let mut lost = Vec::new();
        for f in &files {
            let Some(bytes) = &f.bytes else {
                again.push(f.clone());
                continue;
            };
            match load_bytes(&bytes.0, &f.name, &after) {
                Ok(new) => {
                    lost.extend(lost_tables(f, &new));
                    again.push(new);
                }
                Err(e) => lost.push(e),
            }
        }
        if guarded && !lost.is_empty() {
            for cause in lost {
                self.report_error(LoadError::Undone {
                    cause: Box::new(cause),
                });
            }
            // Drawn again as they were: the editor's select shows the choice that stands.
            self.files.update(|files| {
                for f in files {
                    f.reading = next_reading();
                }
            });
            return false;
        }
        self.options.set(after);
        self.files.set(again);
        true
    }

    /// Everything on the page back to a fresh start: files, messages, options (mapping
    /// corrections, region sources and names), settings and targets, filters and the
    /// colour convention. (What is stored in the browser is `persist::clear_everything`'s.)
    pub fn clear(&self) {
        self.files.set(Vec::new());
        self.errors.set(Vec::new());
        self.options.set(IngestOptions::default());
        self.settings.set(Settings::default());
        self.demo.set(false);
        self.region_filter.set(None);
        self.industry_filter.set(None);
        self.ledger_filter.set(None);
        self.green_up.set(false);
        self.open_editors.set(Default::default());
        self.draft.set(Draft::default());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::app::{demo_files, DEMO_NAMES};

    fn demo_file(i: usize) -> LoadedFile {
        let (name, bytes) = demo_files().swap_remove(i);
        load_bytes(&bytes, name, &IngestOptions::default()).unwrap()
    }

    #[test]
    fn a_saved_file_reads_back_as_its_tables() {
        let loaded = demo_file(0);
        let saved = bincode::serialize(&vec![FileTablesRef::of(&loaded)]).unwrap();
        let back: Vec<FileTables> = bincode::deserialize(&saved).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].name, loaded.name);
        assert_eq!(back[0].format, loaded.format);
        assert_eq!(back[0].sheets, loaded.sheets);
        assert_eq!(back[0].sources, loaded.sources);
        assert!(!back[0].sources.enterprises.is_empty());
    }

    #[test]
    fn filters_toggle_and_clear_through_their_methods() {
        let s = Session::new();
        s.toggle_region("青山区");
        assert_eq!(s.region_filter().get_untracked().as_deref(), Some("青山区"));
        s.toggle_region("青山区");
        assert_eq!(s.region_filter().get_untracked(), None);
        s.set_region_filter(Some("东湖区".into()));
        s.toggle_region("青山区");
        assert_eq!(s.region_filter().get_untracked().as_deref(), Some("青山区"));
        s.toggle_industry("13");
        s.toggle_industry("26");
        assert_eq!(s.industry_filter().get_untracked().as_deref(), Some("26"));
        s.set_industry_filter(None);
        assert_eq!(s.industry_filter().get_untracked(), None);
        let leader = LedgerFilter::Leader("张三".into());
        s.toggle_ledger_filter(leader.clone());
        assert_eq!(s.ledger_filter().get_untracked(), Some(leader.clone()));
        s.toggle_ledger_filter(leader);
        assert_eq!(s.ledger_filter().get_untracked(), None);
        s.toggle_ledger_filter(LedgerFilter::Untracked);
        s.clear_ledger_filter();
        assert_eq!(s.ledger_filter().get_untracked(), None);
    }

    #[test]
    fn settings_change_one_at_a_time() {
        let s = Session::new();
        let t = crate::model::Targets::new(3, 10.0, 338.5, None).unwrap();
        s.set_targets(Some(t));
        s.set_period(crate::model::Period::parse_iso("2023-02"));
        s.set_levers(Some(crate::analysis::Levers {
            resume_stopped_pct: 50.0,
            recover_reduced_pct: 20.0,
        }));
        s.change_settings(|st| {
            st.ledger_choices.insert("甲".into(), "乙".into());
        });
        s.set_green_up(true);
        let st = s.settings().get_untracked();
        assert_eq!(st.targets, Some(t));
        assert_eq!(st.period.map(|p| p.month), Some(2));
        assert_eq!(st.levers.map(|l| l.resume_stopped_pct), Some(50.0));
        assert_eq!(st.ledger_choices.get("甲").map(String::as_str), Some("乙"));
        assert!(s.green_up().get_untracked());
        s.set_targets(None);
        assert_eq!(s.settings().get_untracked().targets, None);
        s.restore_settings(Settings::default(), false, Draft::default());
        assert_eq!(s.settings().get_untracked().period, None);
        assert!(!s.green_up().get_untracked());
        s.report_error(LoadError::Cancelled { file: "x".into() });
        s.dismiss_errors();
        assert!(s.errors().get_untracked().is_empty());
        s.remember_choices(|o| o.unit = Some(crate::ingest::MoneyUnit::Wan), Some(t));
        assert_eq!(
            s.options().get_untracked().unit,
            Some(crate::ingest::MoneyUnit::Wan)
        );
        assert_eq!(s.settings().get_untracked().targets, Some(t));
    }

    #[test]
    fn a_change_that_loses_the_enterprise_table_is_undone_with_a_message() {
        let s = Session::new();
        s.add_file(demo_file(0));
        let report = s.files.get_untracked()[0]
            .sheets
            .iter()
            .find(|r| r.enterprises > 0)
            .cloned()
            .unwrap();
        let signature = report.signature.clone().unwrap();
        let kept = s.change_options(|o| {
            o.overrides
                .entry(signature.clone())
                .or_default()
                .insert(crate::ingest::Field::Name, None);
        });
        assert!(!kept);
        assert!(s.options.get_untracked().overrides.is_empty());
        assert_eq!(s.files.get_untracked()[0].sheets, {
            let f = demo_file(0);
            f.sheets
        });
        let errors: Vec<String> = s
            .errors
            .get_untracked()
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains(&report.sheet), "{errors:?}");
        assert!(errors[0].contains("企业名称"), "{errors:?}");
        // A harmless change is kept and read.
        assert!(s.change_options(|o| {
            o.units
                .insert(signature.clone(), crate::ingest::MoneyUnit::Wan);
        }));
        let now = s.files.get_untracked()[0].sheets.clone();
        assert!(now
            .iter()
            .any(|r| r.unit == Some(crate::ingest::MoneyUnit::Wan)));
    }

    #[test]
    fn a_file_dropped_again_replaces_its_earlier_version() {
        let s = Session::new();
        s.add_file(demo_file(0));
        s.add_file(demo_file(1));
        let again = demo_file(0);
        let reading = again.reading;
        s.add_file(again);
        let files = s.files.get_untracked();
        assert_eq!(files.len(), 2);
        assert_eq!(files[1].name, DEMO_NAMES[0]);
        assert_eq!(files[1].reading, reading);
        s.remove_file(DEMO_NAMES[1]);
        assert_eq!(s.files.get_untracked().len(), 1);
    }

    #[test]
    fn keeping_one_of_the_same_period_files_drops_only_the_others() {
        let s = Session::new();
        for i in 0..3 {
            s.add_file(demo_file(i));
        }
        s.merge_same_period();
        let among = vec![DEMO_NAMES[0].to_string(), DEMO_NAMES[1].to_string()];
        s.keep_one(DEMO_NAMES[1], &among);
        let names: Vec<String> = s
            .files
            .get_untracked()
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, vec![DEMO_NAMES[1], DEMO_NAMES[2]]);
        assert!(!s.settings.get_untracked().merge_same_period);
    }

    #[test]
    fn progress_is_what_is_pending() {
        let s = Session::new();
        s.start_reading(["a.xlsx".to_string(), "b.xlsx".to_string()]);
        assert_eq!(s.pending(), 2);
        s.set_stage("b.xlsx", Stage::Recognise);
        assert_eq!(s.progress.get_untracked()[1].1, Stage::Recognise);
        s.finish_reading("a.xlsx");
        assert_eq!(s.pending(), 1);
        for stage in Stage::ALL {
            assert_eq!(Stage::from_id(stage.id()), Some(stage));
        }
    }

    #[test]
    fn the_demo_never_replaces_the_users_files() {
        let s = Session::new();
        s.start_reading(["mine.xlsx".to_string()]);
        assert!(!s.show_demo(vec![demo_file(0)]), "a file is being read");
        s.finish_reading("mine.xlsx");
        assert!(s.show_demo(vec![demo_file(0)]));
        assert!(s.demo.get_untracked());
        s.clear_demo();
        assert!(s.files.get_untracked().is_empty());
        s.add_file(demo_file(1));
        assert!(!s.show_demo(vec![demo_file(0)]));
        s.clear_demo();
        assert_eq!(s.files.get_untracked().len(), 1, "not the demo: kept");
    }

    #[test]
    fn restored_files_yield_to_files_dropped_meanwhile() {
        let s = Session::new();
        let dropped = demo_file(1);
        let reading = dropped.reading;
        s.add_file(dropped);
        s.restore_files(vec![demo_file(0), demo_file(1)]);
        let files = s.files.get_untracked();
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].name, DEMO_NAMES[0]);
        assert_eq!(files[1].reading, reading);
    }

    #[test]
    fn clearing_resets_everything_including_the_colour_convention() {
        let s = Session::new();
        s.add_file(demo_file(0));
        s.report_error(LoadError::Cancelled { file: "x".into() });
        s.green_up.set(true);
        s.region_filter.set(Some("城东区".into()));
        s.options.update(|o| {
            o.region_names.insert("a".into(), "b".into());
        });
        s.settings.update(|st| st.merge_same_period = true);
        s.clear();
        assert!(s.files.get_untracked().is_empty());
        assert!(s.errors.get_untracked().is_empty());
        assert!(!s.green_up.get_untracked());
        assert_eq!(s.region_filter.get_untracked(), None);
        assert_eq!(s.options.get_untracked(), IngestOptions::default());
        assert_eq!(s.settings.get_untracked(), Settings::default());
    }
}
