//! Reading benchmark: calamine alone versus `read_inputs` + `model::load`.
//!
//! On the synthetic portfolio (2,000 engagements, ≈ 80,000 task rows; see
//! `benches/common/portfolio.rs`) it measures, each in a child process of its own so peak
//! memory (VmHWM) belongs to one measure:
//!
//! - (a) calamine alone: open the workbook and load every sheet's cells (`worksheet_range`);
//! - (b) `successkit::input::read_inputs` then `successkit::model::load`.
//!
//! Target: (b) at most 1.5 × (a), peak memory under 500 MB. Run:
//! `cargo bench --bench read` (add `-- --runs N` for more runs than the default 7).

#[path = "common/portfolio.rs"]
mod portfolio;

use calamine::Reader;
use std::process::Command;
use std::time::{Duration, Instant};

const ENGAGEMENTS: usize = 2000;

fn peak_rss_mb() -> f64 {
    // VmHWM is the resident high-water mark of this process.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// (a): every sheet's cells through calamine, nothing else.
fn calamine_alone(path: &std::path::Path) -> usize {
    let mut wb = calamine::open_workbook_auto(path).expect("open");
    let mut cells = 0;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        cells += range.used_cells().count();
    }
    cells
}

/// Whether `model::load` exists yet (until it lands it is a `todo!()`).
fn load_available(set: &successkit::input::InputSet) -> bool {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        successkit::model::load(set);
    }))
    .is_ok();
    std::panic::set_hook(hook);
    ok
}

/// (b): what `successkit build` does up to the model. Returns rows read and whether the
/// model was loaded.
fn successkit_read(path: &std::path::Path, with_load: bool) -> usize {
    let set = successkit::input::read_inputs(&[path.to_path_buf()], &Default::default());
    assert!(set.problems.is_empty(), "{:?}", set.problems);
    if with_load {
        std::hint::black_box(successkit::model::load(&set));
    }
    set.sources
        .iter()
        .flat_map(|s| &s.tables)
        .map(|t| t.rows.len())
        .sum()
}

/// Runs one measure in this process and prints `median_ms peak_mb detail`.
fn child(which: &str, runs: usize) {
    let path = portfolio::portfolio_xlsx(ENGAGEMENTS);
    let mut times = Vec::new();
    let mut detail = String::new();
    let with_load = if which == "read" {
        let set = successkit::input::read_inputs(std::slice::from_ref(&path), &Default::default());
        load_available(&set)
    } else {
        false
    };
    for _ in 0..runs {
        let start = Instant::now();
        detail = match which {
            "calamine" => format!("{} cells", calamine_alone(&path)),
            "input" => format!("{} rows", successkit_read(&path, false)),
            _ => format!(
                "{} rows{}",
                successkit_read(&path, with_load),
                if with_load {
                    ", model loaded"
                } else {
                    ", model::load missing: read_inputs alone"
                }
            ),
        };
        times.push(start.elapsed());
    }
    println!(
        "{:.1} {:.0} {detail}",
        median(times).as_secs_f64() * 1000.0,
        peak_rss_mb()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(7usize);
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(args.get(i + 1).map_or("read", String::as_str), runs);
        return;
    }
    let path = portfolio::portfolio_xlsx(ENGAGEMENTS);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "portfolio: {ENGAGEMENTS} engagements, {} tasks, {:.1} MB xlsx ({})",
        ENGAGEMENTS * portfolio::TASKS_PER_ENGAGEMENT,
        size as f64 / 1e6,
        path.display()
    );
    let exe = std::env::current_exe().expect("own path");
    let measure = |which: &str| -> (f64, f64, String) {
        let out = Command::new(&exe)
            .args(["--child", which, "--runs", &runs.to_string()])
            .output()
            .expect("run child");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut parts = text.trim().splitn(3, ' ');
        let ms = parts
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(f64::NAN);
        let mb = parts
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(f64::NAN);
        let detail = parts.next().unwrap_or("").to_string();
        if !out.status.success() {
            eprintln!("{which} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        (ms, mb, detail)
    };
    let (a_ms, a_mb, a_detail) = measure("calamine");
    println!("(a) calamine alone:            median {a_ms:8.1} ms over {runs} runs, peak {a_mb:5.0} MB ({a_detail})");
    let (i_ms, i_mb, i_detail) = measure("input");
    println!("    read_inputs alone:         median {i_ms:8.1} ms over {runs} runs, peak {i_mb:5.0} MB ({i_detail})");
    let (b_ms, b_mb, b_detail) = measure("read");
    println!("(b) read_inputs + model::load: median {b_ms:8.1} ms over {runs} runs, peak {b_mb:5.0} MB ({b_detail})");
    let ratio = b_ms / a_ms;
    println!(
        "ratio (b)/(a) = {ratio:.2} (target <= 1.5): {}; peak (b) {b_mb:.0} MB (target < 500 MB): {}",
        if ratio <= 1.5 { "ok" } else { "OVER" },
        if b_mb < 500.0 { "ok" } else { "OVER" }
    );
}
