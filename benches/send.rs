//! Delivery benchmark: `successkit send --smtp … --rate 0` of 2,000 kits (three PDFs each)
//! to a real SMTP server on loopback (aiosmtpd, `tests/smtp/server.py`: STARTTLS and AUTH),
//! plus the time to make one message in-process.
//!
//! The binary runs as a child process: wall time is what a user waits, CPU time and peak
//! memory (`wait4`'s `ru_maxrss`) are successkit's own, so "CPU much below wall" means the
//! server, not successkit, sets the pace. Targets: making a message ≤ 1 ms, memory flat
//! (independent of the batch's size). Needs python3-aiosmtpd and openssl. Run:
//! `cargo bench --bench send` (`-- --engagements N` for another size).

#[path = "../tests/smtp/certs.rs"]
mod certs;
#[path = "common/measure.rs"]
mod measure;
#[path = "common/portfolio.rs"]
mod portfolio;

use measure::{arg, load_average, measure};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use successkit::input::{read_inputs, Limits};
use successkit::mail::message::epoch;
use successkit::mail::{prepare, MailOptions};
use successkit::model;
use successkit::outdir::manifest::Manifest;
use successkit::template::Templates;

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let n: usize = arg("--engagements")
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let input = portfolio::portfolio_xlsx(n);
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path();
    let bin = env!("CARGO_BIN_EXE_successkit");

    let built = Command::new(bin)
        .arg("build")
        .arg(&input)
        .args(["-o", "out", "--quiet"])
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1795478400")
        .status()
        .expect("build runs");
    assert!(built.success() || built.code() == Some(1), "build failed");

    // Making one message, in-process: read and check its three PDFs, render the body,
    // build the MIME message (what `send` does per engagement before SMTP).
    let out = dir.join("out");
    let manifest = Manifest::read(&out).expect("manifest");
    let loaded = model::load(&read_inputs(
        std::slice::from_ref(&input),
        &Limits::default(),
    ));
    let templates = Templates::new(None).expect("templates");
    let opts = MailOptions {
        from: "FastTrack <fasttrack@example.com>".parse().unwrap(),
        attach_docx: false,
        today: manifest.as_of,
    };
    let (mut prep_t, mut build_t) = (Vec::new(), Vec::new());
    let mut size = 0;
    for entry in manifest.engagements.iter().take(200) {
        let data = loaded.engagements.iter().find(|e| e.id == entry.id);
        let t = Instant::now();
        let p = prepare(entry, data, &out, &templates, &opts);
        prep_t.push(t.elapsed());
        if let Ok(letter) = &p.letter {
            let t = Instant::now();
            let m = letter.build(epoch(1_795_478_400), false).expect("message");
            build_t.push(t.elapsed());
            size = m.bytes.len();
        }
    }

    // The server.
    let certs = dir.join("certs");
    std::fs::create_dir_all(&certs).unwrap();
    certs::make(&certs, "bench CA");
    let maildir = dir.join("mail");
    std::fs::create_dir_all(&maildir).unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let python =
        std::env::var("SUCCESSKIT_TEST_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
    let mut server = Command::new(python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py"))
        .args(["--port", &port.to_string()])
        .arg("--cert")
        .arg(certs.join("server.pem"))
        .arg("--key")
        .arg(certs.join("server.key"))
        .arg("--maildir")
        .arg(&maildir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 with aiosmtpd runs");
    let mut line = String::new();
    let _ = BufReader::new(server.stdout.take().unwrap()).read_line(&mut line);
    assert!(
        line.starts_with("READY"),
        "the SMTP server did not start: {line}"
    );

    let run = measure(
        Command::new(bin)
            .arg("send")
            .arg(&out)
            .arg("--input")
            .arg(&input)
            .args(["--from", "FastTrack <fasttrack@example.com>"])
            .args(["--smtp", &format!("smtp://fm@example.com@localhost:{port}")])
            .arg("--tls-ca")
            .arg(certs.join("ca.pem"))
            .args(["--rate", "0", "--quiet"])
            .env("SUCCESSKIT_SMTP_PASSWORD", "s3cret")
            .current_dir(dir)
            .stdout(Stdio::null()),
    );
    let delivered = std::fs::read_dir(&maildir)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                .count()
        })
        .unwrap_or(0);
    let _ = server.kill();
    let _ = server.wait();

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("successkit send — {n} engagements, {delivered} messages delivered, {cores} cores");
    println!(
        "  send:     {:6.2} s wall, {:.1} messages/s, exit {}",
        run.wall.as_secs_f64(),
        delivered as f64 / run.wall.as_secs_f64(),
        run.exit
    );
    println!(
        "            {:6.2} s CPU (successkit's own: {:.0}% of the wall time; the rest is the server)",
        run.cpu.as_secs_f64(),
        100.0 * run.cpu.as_secs_f64() / run.wall.as_secs_f64()
    );
    println!("            {:6.1} MB peak RSS", run.peak_mb);
    println!(
        "  message:  {:.3} ms median to read and check the PDFs and render the body, {:.3} ms to build the MIME message ({} KiB)",
        median(&mut prep_t).as_secs_f64() * 1000.0,
        median(&mut build_t).as_secs_f64() * 1000.0,
        size / 1024
    );
    if let Some(load) = load_average() {
        println!("  load average: {load}");
    }
}
