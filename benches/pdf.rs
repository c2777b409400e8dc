//! PDF writer benchmark: a five-page document with four tables (120 rows in all), written
//! repeatedly on one thread with a writer built once. Prints the median, the spread,
//! and the output's size and page count, with tagging and PDF/A on (the default), each
//! alone, and both off.
//!
//! Run with `cargo bench --bench pdf`.

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

/// Writes `doc` repeatedly with `writer` and prints the figures under `label`.
fn measure(label: &str, writer: &PdfWriter, doc: &successkit::document::Document, setup: Duration) {
    let mut times: Vec<Duration> = Vec::new();
    let mut cpu: Vec<Duration> = Vec::new();
    let mut last = None;
    let start = Instant::now();
    while times.len() < 400 && (times.len() < 30 || start.elapsed() < Duration::from_secs(8)) {
        let t = Instant::now();
        let c = cpu_now();
        let out = writer.write(doc);
        cpu.push(cpu_now().saturating_sub(c));
        times.push(t.elapsed());
        last = Some(out);
    }
    let Some(Ok(out)) = last else {
        eprintln!("the benchmark document failed to render");
        std::process::exit(1);
    };
    times.sort();
    cpu.sort();
    let ms = |v: &[Duration], p: usize| v[(v.len() - 1) * p / 100].as_secs_f64() * 1e3;
    println!(
        "pdf ({label}): writer setup {:.2} ms; write median {:.3} ms wall (p10 {:.3}, p90 {:.3}), {:.3} ms CPU (p10 {:.3}, p90 {:.3}), n={}; {} pages, {} bytes",
        setup.as_secs_f64() * 1e3,
        ms(&times, 50),
        ms(&times, 10),
        ms(&times, 90),
        ms(&cpu, 50),
        ms(&cpu, 10),
        ms(&cpu, 90),
        times.len(),
        out.pages.unwrap_or(0),
        out.bytes.len()
    );
}

fn main() {
    let doc = support::bench_doc();
    // The default (tagged PDF/UA-1 and PDF/A-2b), then each standard alone, then neither
    // (`[pdf] tagged = false, archival = false`: what the writer made before tagging).
    let variants = [
        ("tagged + PDF/A", true, true),
        ("tagged only", true, false),
        ("PDF/A only", false, true),
        ("neither", false, false),
    ];
    for (label, tagged, archival) in variants {
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
        let setup = t0.elapsed();
        measure(label, &writer, &doc, setup);
    }
}
