//! 工业经济运行监测 (industry-monitor): the bureau's workbooks in, the dispatch meeting's
//! figures out, entirely on the user's machine.
//!
//! Stages: [`ingest`] (bytes → typed tables with located warnings) → [`analysis`]
//! (one [`analysis::Analysis`] value, what `industry-report analyze --json` prints; see docs/ARCHITECTURE.md) → faces that
//! only read it: [`app`] (the Leptos web app), [`report`] (formatting, briefing) and the
//! `industry-report` command line. Only `app` touches web types, so everything else is
//! tested natively.

pub mod analysis;
pub mod app;
pub mod charts;
pub mod ingest;
pub mod model;
pub mod report;
