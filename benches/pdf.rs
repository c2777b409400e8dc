//! PDF writer benchmark: a five-page document with four tables (120 rows in all), written
//! repeatedly on one thread with a writer built once. Prints the median, the spread,
//! and the output's size and page count, with tagging and PDF/A on (the default), each
//! alone, and both off.
//!
//! Run with `cargo bench --bench pdf` (`-- --only neither` for one variant, e.g. under a
//! profiler).

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};
use successkit::output::pdf::PdfWriter;
use successkit::template::Assets;
use successkit::theme::{PdfStandards, Theme};

/// CPU time of this thread: on a shared machine, wall-clock time mostly measures the
/// other processes.
fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// One variant's writer and its figures.
struct Variant {
    label: &'static str,
    writer: PdfWriter,
    setup: Duration,
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
    last: Option<Result<successkit::output::Rendered, successkit::output::pdf::PdfError>>,
}

fn ms(v: &[Duration], p: usize) -> f64 {
    v.get((v.len().saturating_sub(1)) * p / 100)
        .map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

fn main() {
    let doc = support::bench_doc();
    let args: Vec<String> = std::env::args().collect();
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1).cloned());
    // The default (tagged PDF/UA-1 and PDF/A-2b), then each standard alone, then neither
    // (`[pdf] tagged = false, archival = false`: what the writer made before tagging).
    let mut variants: Vec<Variant> = [
        ("tagged + PDF/A", true, true),
        ("tagged only", true, false),
        ("PDF/A only", false, true),
        ("neither", false, false),
    ]
    .into_iter()
    // `-- --only LABEL` measures one variant (for a profiler).
    .filter(|(label, _, _)| only.as_deref().is_none_or(|o| o == *label))
    .map(|(label, tagged, archival)| {
        let theme = Theme {
            pdf: PdfStandards { tagged, archival },
            ..Theme::default()
        };
        let t0 = Instant::now();
        let writer = match PdfWriter::new(&theme, &Assets::default()) {
            Ok(w) => w,
            Err(e) => {
                eprintln!("cannot build the writer: {e}");
                std::process::exit(1);
            }
        };
        Variant {
            label,
            writer,
            setup: t0.elapsed(),
            wall: Vec::new(),
            cpu: Vec::new(),
            last: None,
        }
    })
    .collect();
    // Rounds alternate the variants (each round in a rotated order), so a machine whose
    // speed drifts slows them all alike; the overhead of the standards is also taken
    // round by round (tagged + PDF/A over neither, in the same round), and its median
    // printed.
    let mut ratios: Vec<f64> = Vec::new();
    let start = Instant::now();
    let mut round = 0usize;
    while round < 400 && (round < 30 || start.elapsed() < Duration::from_secs(24)) {
        let n = variants.len();
        let mut this = vec![Duration::ZERO; n];
        for k in 0..n {
            let i = (round + k) % n;
            let Some(v) = variants.get_mut(i) else {
                continue;
            };
            let t = Instant::now();
            let c = cpu_now();
            let out = v.writer.write(&doc);
            let cpu = cpu_now().saturating_sub(c);
            v.cpu.push(cpu);
            v.wall.push(t.elapsed());
            v.last = Some(out);
            this[i] = cpu;
        }
        if let (Some(all), Some(none)) = (this.first(), this.last()) {
            if !none.is_zero() {
                ratios.push(all.as_secs_f64() / none.as_secs_f64());
            }
        }
        round += 1;
    }
    for v in &mut variants {
        let Some(Ok(out)) = &v.last else {
            eprintln!("the benchmark document failed to render");
            std::process::exit(1);
        };
        v.wall.sort();
        v.cpu.sort();
        println!(
            "pdf ({}): writer setup {:.2} ms; write median {:.3} ms wall (p10 {:.3}, p90 {:.3}), {:.3} ms CPU (p10 {:.3}, p90 {:.3}), n={}; {} pages, {} bytes",
            v.label,
            v.setup.as_secs_f64() * 1e3,
            ms(&v.wall, 50),
            ms(&v.wall, 10),
            ms(&v.wall, 90),
            ms(&v.cpu, 50),
            ms(&v.cpu, 10),
            ms(&v.cpu, 90),
            v.wall.len(),
            out.pages.unwrap_or(0),
            out.bytes.len()
        );
    }
    ratios.sort_by(f64::total_cmp);
    let r = |p: usize| {
        ratios
            .get((ratios.len().saturating_sub(1)) * p / 100)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "pdf: tagged + PDF/A over neither, CPU, round by round: median {:+.1} % (p10 {:+.1} %, p90 {:+.1} %)",
        (r(50) - 1.0) * 100.0,
        (r(10) - 1.0) * 100.0,
        (r(90) - 1.0) * 100.0
    );
}
