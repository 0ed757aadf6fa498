//! 调度推演 (contract → Extensions → `scenario`) through the command line: generated
//! cities, with and without a 预计下月产值 column, random levers and targets; every figure
//! expected is computed here from the raw numbers.

mod support;

use rust_xlsxwriter::Workbook;
use serde_json::Value;
use support::{firms, run, tmp, write_ledger_layout, write_official_layout, Firm, Rng};

fn close(got: &Value, want: f64, what: &str) {
    let g = got
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {got} is not a number"));
    assert!(
        (g - want).abs() <= 1e-9 * want.abs().max(1.0),
        "{what}: {g} vs {want}"
    );
}

struct Expected {
    stopped_gain: f64,
    reduced_gain: f64,
    forecast: f64,
    growth: f64,
    gap: f64,
}

/// The scenario from the raw numbers (`to_yi`: the file's unit in 亿元).
fn expected(
    firms: &[Firm],
    to_yi: f64,
    with_forecast: bool,
    target: f64,
    prior_quarter: f64,
    stopped_pct: f64,
    reduced_pct: f64,
) -> Expected {
    let sum = |f: &dyn Fn(&Firm) -> f64| firms.iter().map(f).sum::<f64>() * to_yi;
    let output = sum(&|f| f.cum);
    let output_prior = sum(&|f| f.cum_prior);
    let remaining = |f: &Firm| {
        if with_forecast {
            f.forecast.unwrap_or(f.month)
        } else {
            f.month
        }
    };
    let base_forecast = if with_forecast {
        output + sum(&remaining)
    } else {
        let g = output / output_prior - 1.0;
        output + (prior_quarter - output_prior) * (1.0 + g)
    };
    let gain = |pct: f64, f: &Firm| (pct / 100.0 * f.month_prior - remaining(f)).max(0.0) * to_yi;
    let stopped_gain: f64 = firms
        .iter()
        .filter(|f| f.month == 0.0)
        .map(|f| gain(stopped_pct, f))
        .sum();
    let reduced_gain: f64 = firms
        .iter()
        .filter(|f| f.month > 0.0 && f.month < f.month_prior)
        .map(|f| gain(reduced_pct, f))
        .sum();
    let forecast = base_forecast + stopped_gain + reduced_gain;
    Expected {
        stopped_gain,
        reduced_gain,
        forecast,
        growth: (forecast / prior_quarter - 1.0) * 100.0,
        gap: prior_quarter * (1.0 + target / 100.0) - forecast,
    }
}

fn analyze(path: &str, extra: &[String]) -> Value {
    let mut args: Vec<&str> = vec!["analyze", "--json"];
    args.extend(extra.iter().map(String::as_str));
    args.push(path);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn scenario_equals_the_raw_numbers_for_random_cities_and_levers() {
    let cases: u64 = std::env::var("SCENARIO_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    for seed in 1..=cases {
        let mut rng = Rng(seed * 7919 + 3);
        let firms = firms(20 + rng.below(60), seed);
        let with_forecast = seed % 2 == 0;
        let (path, to_yi) = {
            let mut wb = Workbook::new();
            if with_forecast {
                write_ledger_layout(wb.add_worksheet(), &firms);
            } else {
                write_official_layout(
                    wb.add_worksheet(),
                    &firms,
                    "2023年1-2月规模以上工业企业主要指标",
                );
            }
            let path = tmp(&format!("scenario-{seed}.xlsx"));
            wb.save(&path).unwrap();
            let to_yi = if with_forecast { 1e-4 } else { 1e-5 };
            (path.to_string_lossy().into_owned(), to_yi)
        };
        let output_prior: f64 = firms.iter().map(|f| f.cum_prior).sum::<f64>() * to_yi;
        let prior_quarter = output_prior * (1.4 + rng.below(20) as f64 / 100.0);
        let target = 2.0 + rng.below(120) as f64 / 10.0;
        let levels = [0.0, 50.0, 80.0, 87.5, 100.0];
        let (s, r) = (*rng.pick(&levels), *rng.pick(&levels));
        let args: Vec<String> = [
            "--target-output-growth".to_string(),
            target.to_string(),
            "--quarter-end".into(),
            "3".into(),
            "--prior-quarter-output".into(),
            prior_quarter.to_string(),
            "--resume-stopped".into(),
            s.to_string(),
            "--recover-reduced".into(),
            r.to_string(),
        ]
        .into();
        let json = analyze(&path, &args);
        let sc = &json["scenario"];
        let want = expected(&firms, to_yi, with_forecast, target, prior_quarter, s, r);
        let what = format!("case {seed} ({s}%, {r}%, forecast column {with_forecast})");
        assert_eq!(sc["resume_stopped_pct"].as_f64(), Some(s), "{what}");
        assert_eq!(sc["recover_reduced_pct"].as_f64(), Some(r), "{what}");
        close(
            &sc["stopped_gain"],
            want.stopped_gain,
            &format!("{what} stopped_gain"),
        );
        close(
            &sc["reduced_gain"],
            want.reduced_gain,
            &format!("{what} reduced_gain"),
        );
        close(
            &sc["forecast_quarter_output"],
            want.forecast,
            &format!("{what} forecast"),
        );
        close(
            &sc["forecast_growth_pct"],
            want.growth,
            &format!("{what} growth"),
        );
        close(&sc["forecast_gap"], want.gap, &format!("{what} gap"));
        // The scenario adds to the target's own forecast.
        let t = &json["target"];
        close(
            &t["forecast_quarter_output"],
            want.forecast - want.stopped_gain - want.reduced_gain,
            &format!("{what} target forecast"),
        );
        if s == 0.0 && r == 0.0 {
            assert_eq!(sc["stopped_gain"].as_f64(), Some(0.0));
        }
    }
}

#[test]
fn scenario_is_null_without_levers_or_with_the_quarter_not_ending_next_month() {
    let firms = firms(30, 4);
    let mut wb = Workbook::new();
    write_official_layout(wb.add_worksheet(), &firms, "2023年1-2月规模以上工业企业");
    let path = tmp("scenario-null.xlsx");
    wb.save(&path).unwrap();
    let path = path.to_string_lossy().into_owned();
    let target = |q: &str| -> Vec<String> {
        [
            "--target-output-growth",
            "8",
            "--quarter-end",
            q,
            "--prior-quarter-output",
            "5",
        ]
        .map(String::from)
        .to_vec()
    };
    assert!(
        analyze(&path, &target("3"))["scenario"].is_null(),
        "no levers"
    );
    let levers = ["--resume-stopped", "80"].map(String::from).to_vec();
    assert!(analyze(&path, &levers)["scenario"].is_null(), "no target");
    let mut six = target("6");
    six.extend(levers.clone());
    assert!(analyze(&path, &six)["scenario"].is_null(), "q = 6, m = 2");
    let mut three = target("3");
    three.extend(levers);
    let sc = analyze(&path, &three)["scenario"].clone();
    assert_eq!(sc["resume_stopped_pct"].as_f64(), Some(80.0));
    assert_eq!(sc["recover_reduced_pct"].as_f64(), Some(0.0));
    assert_eq!(sc["reduced_gain"].as_f64(), Some(0.0));
    let (code, _, err) = run(&["analyze", "--resume-stopped", "120", &path]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("0 到 100"), "{err}");
}

#[test]
fn the_briefing_says_推演_and_the_threshold_closes_the_gap() {
    use industry_monitor::analysis::{analyze, Levers, ScenarioBase, Settings, Threshold};
    use industry_monitor::ingest::{ingest, IngestOptions};
    use industry_monitor::model::Targets;
    let firms = firms(80, 9);
    let mut wb = Workbook::new();
    write_ledger_layout(wb.add_worksheet(), &firms);
    let read = ingest(
        wb.save_to_buffer().unwrap(),
        "2023年1-2月.xlsx",
        &IngestOptions::default(),
        &mut || {},
    )
    .unwrap();
    let prior: f64 = firms.iter().map(|f| f.cum_prior).sum::<f64>() * 1e-4 * 1.5;
    let mut settings = Settings {
        targets: Some(Targets {
            quarter_end_month: 3,
            output_growth_target_pct: 0.0,
            prior_quarter_output: prior,
            value_added_growth_target_pct: None,
        }),
        ..Default::default()
    };
    let a = analyze(&read.sources, &settings).unwrap();
    let base = ScenarioBase::of(&a).unwrap();
    // A target just above the forecast: some uniform lever closes it.
    let full = base.at(Levers {
        resume_stopped_pct: 100.0,
        recover_reduced_pct: 100.0,
    });
    let reachable = a.target.as_ref().unwrap().forecast_growth_pct.unwrap()
        + (full.stopped_gain + full.reduced_gain) / prior * 100.0 * 0.5;
    settings.targets.as_mut().unwrap().output_growth_target_pct = reachable;
    let a = analyze(&read.sources, &settings).unwrap();
    let base = ScenarioBase::of(&a).unwrap();
    let Threshold::At(x) = base.threshold() else {
        panic!("{:?}", base.threshold())
    };
    let at = |pct: f64| {
        base.at(Levers {
            resume_stopped_pct: pct,
            recover_reduced_pct: pct,
        })
        .forecast_gap
    };
    assert!(at(x) <= 1e-9, "the threshold closes the gap: {}", at(x));
    assert!(at(x - 0.1) > 0.0, "0.1 less does not");
    // Beyond reach: even 100 % leaves a gap, said in 亿元.
    settings.targets.as_mut().unwrap().output_growth_target_pct = reachable + 50.0;
    let a = analyze(&read.sources, &settings).unwrap();
    let Threshold::Short(short) = ScenarioBase::of(&a).unwrap().threshold() else {
        panic!()
    };
    let at_full = ScenarioBase::of(&a).unwrap().at(Levers {
        resume_stopped_pct: 100.0,
        recover_reduced_pct: 100.0,
    });
    assert!((short - at_full.forecast_gap).abs() < 1e-9);
    // The briefing's sentence, from the CLI.
    let path = tmp("scenario-brief.xlsx");
    let mut wb = Workbook::new();
    write_ledger_layout(wb.add_worksheet(), &firms);
    wb.save(&path).unwrap();
    let p = prior.to_string();
    let (code, text, err) = run(&[
        "brief",
        "--target-output-growth",
        "8",
        "--quarter-end",
        "3",
        "--prior-quarter-output",
        &p,
        "--resume-stopped",
        "80",
        "--recover-reduced",
        "100",
        &path.to_string_lossy(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        text.contains(
            "推演：若停产企业3月恢复到上年同月的80%、减产企业恢复到上年同月水平，可增加产值"
        ),
        "{text}"
    );
    assert!(text.contains("一季度产值"), "{text}");
    assert!(!text.contains("预计可增加"), "{text}");
}
