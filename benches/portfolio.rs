//! Batch benchmark: `successkit build` on the 2,000-engagement portfolio workbook (see
//! `benches/common/portfolio.rs`): every kit (four files each) plus the portfolio report,
//! then a rerun with nothing changed.
//!
//! The real binary runs as a child process, so wall time is what a user waits and peak
//! memory (the child's `ru_maxrss`, from `wait4`) is the whole program's. Targets on the
//! 2-core reference machine: build at most 20 s, peak memory under 500 MB, unchanged
//! rerun at most 2 s. Run: `cargo bench --bench portfolio` (`-- --jobs N` to pass
//! `--jobs` through, `-- --engagements N` for another size).

#[path = "common/portfolio.rs"]
mod portfolio;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Measure {
    wall: Duration,
    /// User plus system CPU time of the child: on a machine shared with other work the
    /// wall time also counts waiting for a core, this does not.
    cpu: Duration,
    peak_mb: f64,
    exit: i32,
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
}

/// Runs the binary to completion and measures it: wall time, and the child's own peak RSS
/// from `wait4` (so nothing else this process has waited for counts).
fn measure(args: &[&str], cwd: &Path) -> Measure {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_successkit"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1795478400")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the successkit binary starts");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; the pid is our own child, reaped
    // here once (std's `Child` is dropped without waiting).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(rc, pid, "wait4 failed");
    drop(child);
    let exit = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Measure {
        wall,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        // Linux reports ru_maxrss in kilobytes.
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        exit,
    }
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn count_files(dir: &Path) -> usize {
    let mut n = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                n += count_files(&p);
            } else {
                n += 1;
            }
        }
    }
    n
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "OVER TARGET"
    }
}

fn main() {
    let engagements: usize = arg("--engagements")
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let jobs = arg("--jobs");
    let input = portfolio::portfolio_xlsx(engagements);
    let tmp = tempfile::tempdir().expect("temporary folder");
    let input = input.to_str().expect("UTF-8 path").to_string();
    let mut args = vec!["build", input.as_str(), "-o", "out", "--quiet"];
    if let Some(j) = jobs.as_deref() {
        args.extend(["--jobs", j]);
    }

    let first = measure(&args, tmp.path());
    let out = tmp.path().join("out");
    let files = count_files(&out);
    let manifest: serde_json::Value = std::fs::read(out.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let listed = manifest["engagements"].as_array().map_or(0, Vec::len);
    let ok = manifest["engagements"]
        .as_array()
        .map_or(0, |v| v.iter().filter(|e| e["status"] == "ok").count());
    let rerun = measure(&args, tmp.path());

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("successkit build — {engagements} engagements, {cores} cores");
    println!(
        "  build:  {:6.2} s wall  (target ≤ 20 s: {}), exit {}",
        first.wall.as_secs_f64(),
        verdict(first.wall <= Duration::from_secs(20)),
        first.exit
    );
    println!(
        "          {:6.2} s CPU (user + system; {:.1} s if {cores} idle cores were all ours)",
        first.cpu.as_secs_f64(),
        first.cpu.as_secs_f64() / cores as f64
    );
    println!(
        "          {:6.1} MB peak RSS (target < 500 MB: {})",
        first.peak_mb,
        verdict(first.peak_mb < 500.0)
    );
    println!(
        "          {ok} of {listed} engagements ok, {files} files in the output folder, {:.1} ms per engagement",
        first.wall.as_secs_f64() * 1000.0 / engagements.max(1) as f64
    );
    println!(
        "  rerun:  {:6.2} s wall  (target ≤ 2 s: {}), {:.2} s CPU, {:.1} MB peak RSS, exit {}",
        rerun.wall.as_secs_f64(),
        verdict(rerun.wall <= Duration::from_secs(2)),
        rerun.cpu.as_secs_f64(),
        rerun.peak_mb,
        rerun.exit
    );
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!(
            "  load average during the run: {}",
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}
