//! Model benchmark: `model::load` alone (matching, value parsing, linking, duplicate
//! checks) on the shared synthetic portfolio (2,000 engagements, 80,000 task rows; see
//! `benches/common/portfolio.rs`), read once with `read_inputs` beforehand.
//!
//! Run: `cargo bench --bench model` (add `-- --runs N`; default 7).

#[path = "common/portfolio.rs"]
mod portfolio;

use std::time::Instant;

const ENGAGEMENTS: usize = 2000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(7usize)
        .max(1);
    let path = portfolio::portfolio_xlsx(ENGAGEMENTS);
    let set = successkit::input::read_inputs(&[path], &Default::default());
    let rows: usize = set
        .sources
        .iter()
        .flat_map(|s| &s.tables)
        .map(|t| t.rows.len())
        .sum();
    let mut times = Vec::with_capacity(runs);
    let mut loaded = None;
    for _ in 0..runs {
        let start = Instant::now();
        loaded = Some(std::hint::black_box(successkit::model::load(&set)));
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2].as_secs_f64();
    let (engagements, problems) = loaded
        .map(|l| (l.engagements.len(), l.problems.len()))
        .unwrap_or_default();
    println!(
        "model::load: {rows} rows, {engagements} engagements, {problems} problems: \
         median {:.1} ms of {runs} runs ({:.0} rows/ms)",
        median * 1000.0,
        rows as f64 / (median * 1000.0)
    );
}
