//! A whole process timed as a user runs it, shared by the process benchmarks
//! (`portfolio`, `check`, `send`): wall time from spawn to exit, and the child's own CPU
//! and peak RSS from `wait4`, so nothing else this process waited for counts.

use std::process::Command;
use std::time::{Duration, Instant};

/// One finished run.
pub struct Measure {
    pub wall: Duration,
    /// User plus system CPU time of the child: on a machine shared with other work the
    /// wall time also counts waiting for a core, this does not.
    pub cpu: Duration,
    pub peak_mb: f64,
    pub exit: i32,
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
}

/// Runs `cmd` to completion and measures it.
pub fn measure(cmd: &mut Command) -> Measure {
    let start = Instant::now();
    let child = cmd.spawn().expect("the program starts");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data that wait4 fills; the pid is our own child, reaped
    // here once (std's `Child` is dropped without waiting).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(rc, pid, "wait4 failed");
    drop(child);
    Measure {
        wall,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        // Linux reports ru_maxrss in kilobytes.
        peak_mb: usage.ru_maxrss as f64 / 1024.0,
        exit: if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        },
    }
}

/// The value after `name` on the benchmark's command line (`cargo bench -- NAME VALUE`).
pub fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

/// The machine's 1, 5 and 15-minute load averages, to print beside the figures.
pub fn load_average() -> Option<String> {
    let load = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    )
}
