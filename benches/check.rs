//! `successkit check` as a user runs it, against calamine alone, both whole processes.
//!
//! On the synthetic 2,000-engagement portfolio (≈ 112,000 rows in six sheets, 4.0 MB
//! xlsx; see `benches/common/portfolio.rs`) it runs, in turn, A B A B …:
//!
//! - (A) `successkit check WORKBOOK` (the release binary, its output thrown away);
//! - (B) calamine alone (this bench re-run with `--calamine WORKBOOK`): open the workbook
//!   with calamine (the version and features of `Cargo.toml`) and read every sheet's
//!   every cell on one thread (`worksheet_range`, each cell touched).
//!
//! Each run is timed from spawn to `wait4`: wall time, the child's user + system CPU and
//! its peak RSS. Because the two alternate, a machine whose speed drifts (other work on
//! it) moves both alike, so the ratio A/B, taken pair by pair, is the figure to quote.
//! Target (issue 14): the median wall ratio at most 1.0.
//!
//! Run: `cargo bench --bench check` (`-- --rounds N`, default 9).

#[path = "common/measure.rs"]
mod measure;
#[path = "common/portfolio.rs"]
mod portfolio;

use calamine::{Data, Reader};
use measure::{arg, load_average, measure, Measure};
use std::path::Path;
use std::process::{Command, Stdio};

const ENGAGEMENTS: usize = 2000;

/// (B): every cell of every sheet through calamine, one thread, nothing else. Returns
/// the number of non-empty cells and the bytes of text seen, so no read can be skipped.
fn calamine_alone(path: &Path) -> (usize, usize) {
    let mut wb = calamine::open_workbook_auto(path).expect("open the workbook");
    let (mut cells, mut text) = (0, 0);
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("read the sheet");
        for row in range.rows() {
            for cell in row {
                match cell {
                    Data::Empty => continue,
                    Data::String(s) => text += s.len(),
                    _ => {}
                }
                cells += 1;
            }
        }
    }
    (cells, text)
}

/// Runs `program args` to completion, its output thrown away, and measures it.
fn run(program: &Path, args: &[&str]) -> Measure {
    measure(
        Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    if let Some(path) = arg("--calamine") {
        let (cells, text) = calamine_alone(Path::new(&path));
        println!("{cells} cells, {text} bytes of text");
        return;
    }
    let rounds: usize = arg("--rounds")
        .and_then(|n| n.parse().ok())
        .unwrap_or(9)
        .max(1);
    let workbook = portfolio::portfolio_xlsx(ENGAGEMENTS);
    let input = workbook.to_str().expect("UTF-8 path").to_string();
    let own = std::env::current_exe().expect("own path");
    let successkit = Path::new(env!("CARGO_BIN_EXE_successkit"));
    let check = ["check", input.as_str()];
    let calamine = ["--calamine", input.as_str()];
    let size = std::fs::metadata(&workbook).map_or(0, |m| m.len());
    let (cells, _) = calamine_alone(&workbook);
    println!(
        "check vs calamine alone — {ENGAGEMENTS} engagements, {cells} non-empty cells, {:.1} MB xlsx, {rounds} rounds alternated",
        size as f64 / 1e6
    );
    // One of each first, not counted (page cache, the binaries' own pages).
    run(successkit, &check);
    run(&own, &calamine);
    let mut a = Vec::new();
    let mut b = Vec::new();
    for _ in 0..rounds {
        a.push(run(successkit, &check));
        b.push(run(&own, &calamine));
    }
    let wall = |v: &[Measure]| median(v.iter().map(|m| m.wall.as_secs_f64()).collect());
    let cpu = |v: &[Measure]| median(v.iter().map(|m| m.cpu.as_secs_f64()).collect());
    let peak = |v: &[Measure]| median(v.iter().map(|m| m.peak_mb).collect());
    let ratio =
        |f: fn(&Measure) -> f64| median(a.iter().zip(&b).map(|(x, y)| f(x) / f(y)).collect());
    let exits: Vec<i32> = a.iter().map(|m| m.exit).collect();
    println!(
        "  (A) successkit check: median {:6.3} s wall, {:6.3} s CPU, {:5.0} MB peak RSS (exit {:?})",
        wall(&a),
        cpu(&a),
        peak(&a),
        exits.first().copied().unwrap_or(-1)
    );
    println!(
        "  (B) calamine alone:   median {:6.3} s wall, {:6.3} s CPU, {:5.0} MB peak RSS",
        wall(&b),
        cpu(&b),
        peak(&b)
    );
    let wall_ratio = ratio(|m| m.wall.as_secs_f64());
    println!(
        "  A/B pair by pair: median {wall_ratio:.2}× wall (target ≤ 1.0: {}), {:.2}× CPU",
        if wall_ratio <= 1.0 { "ok" } else { "OVER" },
        ratio(|m| m.cpu.as_secs_f64())
    );
    if let Some(load) = load_average() {
        println!("  load average: {load}");
    }
}
