//! PDF writer benchmark: a five-page document with four tables (120 rows in all), written
//! repeatedly on one thread with a writer built once. Prints the median, the spread,
//! and the output's size and page count.
//!
//! Run with `cargo bench --bench pdf`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};
use successkit::output::pdf::PdfWriter;
use successkit::template::Assets;
use successkit::theme::Theme;

fn main() {
    let doc = support::bench_doc();
    let t0 = Instant::now();
    let writer = match PdfWriter::new(&Theme::default(), &Assets::default()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("cannot build the writer: {e}");
            std::process::exit(1);
        }
    };
    let setup = t0.elapsed();
    let mut times: Vec<Duration> = Vec::new();
    let mut last = None;
    let start = Instant::now();
    while times.len() < 400 && (times.len() < 30 || start.elapsed() < Duration::from_secs(8)) {
        let t = Instant::now();
        let out = writer.write(&doc);
        times.push(t.elapsed());
        last = Some(out);
    }
    let Some(Ok(out)) = last else {
        eprintln!("the benchmark document failed to render");
        std::process::exit(1);
    };
    times.sort();
    let pct = |p: usize| times[(times.len() - 1) * p / 100];
    println!(
        "pdf: writer setup {:.2} ms; write median {:.3} ms (p10 {:.3}, p90 {:.3}, n={}); {} pages, {} bytes",
        setup.as_secs_f64() * 1e3,
        pct(50).as_secs_f64() * 1e3,
        pct(10).as_secs_f64() * 1e3,
        pct(90).as_secs_f64() * 1e3,
        times.len(),
        out.pages.unwrap_or(0),
        out.bytes.len()
    );
}
