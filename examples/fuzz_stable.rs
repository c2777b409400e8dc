//! The fuzz targets' bodies (`fuzz/bodies.rs`) run on the stable toolchain over inputs
//! mutated from the fixtures, for machines without nightly and cargo-fuzz. Not run in CI.
//!
//! ```sh
//! cargo run --release --example fuzz_stable -- 300      # seconds (default 120)
//! ```
//!
//! Mutations: bytes flipped, set, inserted, deleted, duplicated or cut off anywhere in a
//! fixture; and, for zip workbooks, the same done inside one member (a sheet, the shared
//! strings, `content.xml`, …) before zipping again, with numbers swapped for huge or
//! negative ones and slices repeated, so the readers behind the zip layer are reached. A
//! panic saves its input under `fuzz/artifacts/` and the run goes on; an input running
//! over 10 s is saved and the process aborts (a hang); the peak memory is printed at the
//! end. The random sequence is fixed (seeded), so a run can be repeated.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

include!("../fuzz/bodies.rs");

/// xorshift64*: a fixed, repeatable sequence is all a mutation needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const NUMBERS: [&str; 8] = [
    "4294967295",
    "-1",
    "99999999999999999999",
    "0",
    "1048576",
    "16384",
    "-1000000000000",
    "1e308",
];

fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = [0, 0xFF, 0x7F, 0x80, b'"', b'<', b'\n'][rng.below(7)];
            }
            2 => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                data.splice(i..i, bytes);
            }
            3 if len > 1 => {
                let i = rng.below(len);
                let n = rng.below((len - i).min(64)) + 1;
                data.drain(i..i + n);
            }
            4 if len > 1 => {
                let i = rng.below(len);
                let n = rng.below((len - i).min(256)) + 1;
                let slice = data[i..i + n].to_vec();
                let times = 1 + rng.below(50);
                for _ in 0..times {
                    data.splice(i..i, slice.iter().copied());
                }
            }
            5 if len > 1 => data.truncate(rng.below(len)),
            _ => {
                // A run of digits swapped for a huge, negative or boundary number.
                let digits: Vec<usize> = data
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.is_ascii_digit())
                    .map(|(i, _)| i)
                    .collect();
                if let Some(&start) = digits.get(rng.below(digits.len())) {
                    let end = data[start..]
                        .iter()
                        .position(|b| !b.is_ascii_digit())
                        .map_or(data.len(), |p| start + p);
                    let n = NUMBERS[rng.below(NUMBERS.len())];
                    data.splice(start..end, n.bytes());
                }
            }
        }
    }
}

/// The zip's members, or `None` when `data` is not a zip this can read.
fn unzip(data: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(data)).ok()?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).ok()?;
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).ok()?;
        let name = f.name().ok()?.into_owned();
        out.push((name, bytes));
    }
    Some(out)
}

fn rezip(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        if z.start_file(name.as_str(), opts).is_err() || z.write_all(bytes).is_err() {
            break;
        }
    }
    z.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn corpus(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut dirs = vec![root.join("fixtures")];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| {
                ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt"]
                    .contains(&x.to_string_lossy().as_ref())
            }) {
                if let Ok(bytes) = std::fs::read(&p) {
                    files.push((p, bytes));
                }
            }
        }
    }
    files.sort();
    files
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let artifacts = root.join("fuzz/artifacts");
    let seeds = corpus(root);
    assert!(!seeds.is_empty(), "no fixtures found");
    // A panic is reported by the harness with its input, not printed by the hook.
    std::panic::set_hook(Box::new(|_| {}));

    let current: Arc<Mutex<(Instant, Vec<u8>)>> =
        Arc::new(Mutex::new((Instant::now(), Vec::new())));
    {
        let current = Arc::clone(&current);
        let artifacts = artifacts.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(500));
            let guard = current.lock().unwrap_or_else(|e| e.into_inner());
            if guard.0.elapsed() > Duration::from_secs(10) {
                let _ = std::fs::create_dir_all(&artifacts);
                let path = artifacts.join("hang.bin");
                let _ = std::fs::write(&path, &guard.1);
                eprintln!("HANG: an input ran over 10 s; saved as {}", path.display());
                std::process::abort();
            }
        });
    }

    let mut rng = Rng(0x5EED_CAFE_F00D_u64);
    let start = Instant::now();
    let (mut runs, mut panics, mut inner) = (0u64, 0u64, 0u64);
    let mut slowest = (Duration::ZERO, String::new());
    while start.elapsed() < Duration::from_secs(seconds) {
        let (path, seed) = &seeds[rng.below(seeds.len())];
        let mut data = seed.clone();
        let members = (rng.below(2) == 0).then(|| unzip(&data)).flatten();
        if let Some(mut members) = members.filter(|m| !m.is_empty()) {
            let i = rng.below(members.len());
            mutate_bytes(&mut rng, &mut members[i].1);
            data = rezip(&members);
            inner += 1;
        } else {
            mutate_bytes(&mut rng, &mut data);
        }
        let is_csv = path
            .extension()
            .is_some_and(|x| ["csv", "tsv", "txt"].contains(&x.to_string_lossy().as_ref()));
        {
            let mut guard = current.lock().unwrap_or_else(|e| e.into_inner());
            *guard = (Instant::now(), data.clone());
        }
        let began = Instant::now();
        let result = std::panic::catch_unwind(|| {
            if is_csv {
                read_csv_body(&data);
            } else {
                read_workbook_body(&data);
            }
        });
        let took = began.elapsed();
        if took > slowest.0 {
            slowest = (took, path.display().to_string());
        }
        runs += 1;
        if let Err(e) = result {
            panics += 1;
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let _ = std::fs::create_dir_all(&artifacts);
            let saved = artifacts.join(format!("panic-{panics}.bin"));
            let _ = std::fs::write(&saved, &data);
            eprintln!(
                "PANIC from {} ({msg}); saved as {}",
                path.display(),
                saved.display()
            );
        }
    }
    println!(
        "{runs} inputs in {:.0} s ({inner} mutated inside a zip member), {panics} panics; \
         slowest {:.2} s (from {}); peak memory {} MiB",
        start.elapsed().as_secs_f64(),
        slowest.0.as_secs_f64(),
        slowest.1,
        peak_rss_kib() / 1024
    );
    if panics > 0 {
        std::process::exit(1);
    }
}
