//! `successkit send` through the real binary against a real SMTP server on 127.0.0.1
//! (aiosmtpd, `tests/smtp/server.py`: STARTTLS required, AUTH required, a test CA made
//! with `openssl` at test time). No mock transport: every message crosses a TLS socket and
//! is read back from the server's mail folder with Python's `email` parser.
//!
//! Needs `python3-aiosmtpd` and `openssl` (`.ci/run` installs them); without them these
//! tests fail, they never pass silently.

#[path = "smtp/certs.rs"]
mod certs;
mod cli_support;

use cli_support::{code, stderr, successkit, write_portfolio};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const USER: &str = "fm@example.com";
const PASSWORD: &str = "s3cret";
const TOKEN: &str = "tok3n";
const FROM: &str = "Bea Lima <bea.lima@example.com>";
/// Engagements in the test portfolio; the last has no contact address.
const N: usize = 6;
const MAILABLE: usize = N - 1;

fn contact(i: usize) -> String {
    format!("contact-e-{i:03}@customer.test")
}

/// A Python 3 that has aiosmtpd: `SUCCESSKIT_TEST_PYTHON`, else the system's, else
/// `python3` on PATH. Panics, saying what to install, when there is none.
fn python() -> &'static Path {
    static PY: OnceLock<PathBuf> = OnceLock::new();
    PY.get_or_init(|| {
        let candidates: Vec<PathBuf> = std::env::var_os("SUCCESSKIT_TEST_PYTHON")
            .map(PathBuf::from)
            .into_iter()
            .chain(["/usr/bin/python3", "python3"].map(PathBuf::from))
            .collect();
        for py in &candidates {
            let ok = Command::new(py)
                .args(["-c", "import aiosmtpd"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                return py.clone();
            }
        }
        panic!(
            "no Python 3 with aiosmtpd (tried {candidates:?}): install python3-aiosmtpd \
             (apt-get install python3-aiosmtpd; .ci/run does) — the send tests need a real SMTP server"
        );
    })
}

/// A test CA and a server certificate for localhost / 127.0.0.1, made once per run.
fn certs() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        certs::make(&dir, "successkit test CA");
        dir
    })
}

/// The kits of the test portfolio, built once; each test copies them.
fn built() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = tempfile::tempdir().expect("temp dir").keep();
        let input = write_portfolio(&root.join("data"), &cli_support::specs(N));
        // Add the contact columns: a named contact and an address for all but the last.
        let path = input.join("engagements.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut out = String::new();
        for (i, l) in text.lines().enumerate() {
            if i == 0 {
                out.push_str(&format!("{l},Customer Contact,Contact Email\n"));
            } else if i == N {
                out.push_str(&format!("{l},,\n"));
            } else {
                out.push_str(&format!("{l},Contact {i},{}\n", contact(i)));
            }
        }
        std::fs::write(&path, out).unwrap();
        let kits = root.join("kits");
        let o = successkit(&root)
            .args(["build", "data", "-o", "kits", "--quiet"])
            .output()
            .unwrap();
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        (input, kits)
    })
}

struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&built().1, &dir.path().join("out"));
        Case { dir }
    }
    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }
    /// `send OUT`: recipients, names and dates from the manifest.
    fn send(&self) -> Command {
        let mut c = successkit(self.dir.path());
        c.arg("send").arg(self.out()).args(["--from", FROM]);
        c
    }
    fn smtp(&self, server: &Server) -> Command {
        let mut c = self.send();
        c.args([
            "--smtp",
            &format!("smtp://{USER}@localhost:{}", server.port),
        ])
        .arg("--tls-ca")
        .arg(certs().join("ca.pem"))
        .env("SUCCESSKIT_SMTP_PASSWORD", PASSWORD);
        c
    }
    fn status(&self) -> Vec<Value> {
        let o = successkit(self.dir.path())
            .arg("send")
            .arg(self.out())
            .args(["--status", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let v: Value = serde_json::from_slice(&o.stdout).expect("status JSON");
        v["messages"].as_array().unwrap().clone()
    }
    fn state_of(&self, id: &str) -> Value {
        self.status()
            .into_iter()
            .find(|m| m["engagement"] == id)
            .unwrap_or_else(|| panic!("{id} not in the journal"))
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn run(mut c: Command) -> Output {
    c.output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

struct Server {
    child: Child,
    port: u16,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(script: &str, extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let maildir = dir.path().join("mail");
        std::fs::create_dir_all(&maildir).unwrap();
        std::fs::write(dir.path().join("script.json"), script).unwrap();
        for _ in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let mut child = Command::new(python())
                .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py"))
                .args(["--port", &port.to_string()])
                .arg("--cert")
                .arg(certs().join("server.pem"))
                .arg("--key")
                .arg(certs().join("server.key"))
                .arg("--maildir")
                .arg(&maildir)
                .args(["--user", USER, "--password", PASSWORD, "--token", TOKEN])
                .arg("--script")
                .arg(dir.path().join("script.json"))
                .args(extra)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("python runs");
            let mut line = String::new();
            let _ = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
            if line.starts_with("READY") {
                return Server {
                    child,
                    port,
                    maildir,
                    _dir: dir,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("the test SMTP server did not start");
    }

    /// Every message received, in order: (envelope, path of the .eml).
    fn received(&self) -> Vec<(Value, PathBuf)> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.maildir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|p| {
                let env = std::fs::read(p.with_extension("json")).unwrap();
                (serde_json::from_slice(&env).unwrap(), p)
            })
            .collect()
    }

    /// How many messages each recipient got.
    fn per_contact(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (env, _) in self.received() {
            let to = env["rcpt_tos"][0].as_str().unwrap().to_string();
            match counts.iter_mut().find(|(t, _)| *t == to) {
                Some((_, n)) => *n += 1,
                None => counts.push((to, 1)),
            }
        }
        counts.sort();
        counts
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Python's `email` parser's view of .eml files.
fn parse(paths: &[PathBuf]) -> Vec<Value> {
    let o = Command::new(python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/parse.py"))
        .args(paths)
        .output()
        .unwrap();
    assert!(o.status.success(), "parse.py: {}", stderr(&o));
    serde_json::from_slice::<Vec<Value>>(&o.stdout).unwrap()
}

fn manifest_entry(out: &Path, id: &str) -> Value {
    cli_support::entry(&cli_support::manifest(out), id).clone()
}

#[test]
fn the_whole_batch_is_delivered_once_and_reads_back() {
    let case = Case::new();
    let server = Server::start("{}", &[]);
    let o = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "0"]);
        c
    });
    assert_eq!(code(&o), 0, "{}\n{}", stdout(&o), stderr(&o));
    let got = server.received();
    assert_eq!(got.len(), MAILABLE, "{}", stderr(&o));
    assert!(!stderr(&o).contains(PASSWORD));

    let parsed = parse(&got.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>());
    for (i, ((env, _), m)) in got.iter().zip(&parsed).enumerate() {
        let n = i + 1;
        let id = format!("E-{n:03}");
        assert_eq!(m["defects"], serde_json::json!([]), "{m}");
        assert!(env["tls"].as_bool().unwrap() && env["authenticated"].as_bool().unwrap());
        assert_eq!(
            env["rcpt_tos"],
            serde_json::json!([contact(n), "fm@example.com"]),
            "To and Cc in the envelope"
        );
        assert_eq!(m["From"], FROM);
        assert_eq!(m["To"], format!("Contact {n} <{}>", contact(n)));
        let fm = if n % 2 == 0 {
            "Ana Souza"
        } else {
            "Bruno Lima"
        };
        assert_eq!(m["Cc"], format!("{fm} <fm@example.com>"));
        assert_eq!(m["Reply-To"], m["Cc"]);
        assert_eq!(m["X-Unsent"], Value::Null, "only drafts are marked unsent");
        let pt = n % 3 == 0;
        let subject = m["Subject"].as_str().unwrap();
        let customer = format!("Customer {n:03}");
        assert!(subject.ends_with(&customer), "{subject}");
        assert!(
            subject.starts_with(if pt {
                "Seu Plano de Sucesso"
            } else {
                "Your Success Plan"
            }),
            "{subject}"
        );
        assert!(m["Message-ID"].as_str().unwrap().ends_with("@example.com>"));
        let text = m["text"].as_str().unwrap();
        let html = m["html"].as_str().unwrap();
        assert!(text.contains(&format!("Contact {n}")), "{text}");
        assert!(html.contains("<p") && html.contains(&customer), "{html}");
        assert!(
            !text.contains("**") && !text.contains('<')
                || text.contains("mailto")
                || text.contains(" <"),
            "{text}"
        );

        // The three PDFs, named for a person in both headers, equal to the files.
        let entry = manifest_entry(&case.out(), &id);
        let atts = m["attachments"].as_array().unwrap();
        assert_eq!(atts.len(), 3, "{m}");
        let titles: &[&str] = if pt {
            &[
                "Plano de Sucesso",
                "Checklist de Sucesso",
                "Material do Workshop",
            ]
        } else {
            &["Success Plan", "Success Checklist", "Workshop Handout"]
        };
        for (a, title) in atts.iter().zip(titles) {
            let name = format!("{title} - {customer}.pdf");
            assert_eq!(a["filename"], name.as_str());
            assert_eq!(a["type_name"], name.as_str());
            assert_eq!(a["content_type"], "application/pdf");
            let doc = entry["documents"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["sha256"] == a["sha256"])
                .unwrap_or_else(|| panic!("{name}: no file of the kit has its bytes"));
            assert_ne!(doc["kind"], "success-plan-docx");
            let on_disk = std::fs::read(case.out().join(doc["path"].as_str().unwrap())).unwrap();
            assert_eq!(a["bytes"], on_disk.len());
        }
    }

    // The journal says so; --status prints exactly the fields, in its order.
    let status = case.status();
    assert_eq!(status.len(), MAILABLE);
    for m in &status {
        assert_eq!(m["state"], "sent", "{m}");
        assert_eq!(m["attempts"], 1);
        assert_eq!(m.as_object().unwrap().len(), 7, "{m}");
        assert!(m["reply"].as_str().unwrap().starts_with("250"));
    }
    let raw = stdout(&run({
        let mut c = successkit(case.dir.path());
        c.arg("send")
            .arg(case.out())
            .args(["--status", "--format", "json"]);
        c
    }));
    let at = |k: &str| {
        raw.find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k}: {raw}"))
    };
    let order = [
        "engagement",
        "to",
        "state",
        "message_id",
        "attempts",
        "reply",
        "updated",
    ];
    assert!(order.windows(2).all(|w| at(w[0]) < at(w[1])), "{raw}");
    let text = run({
        let mut c = successkit(case.dir.path());
        c.arg("send").arg(case.out()).arg("--status");
        c
    });
    assert!(stdout(&text).starts_with("engagement"), "{}", stdout(&text));

    // Again: everyone already has it.
    let again = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "0"]);
        c
    });
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(server.received().len(), MAILABLE);
    assert!(
        stdout(&again).contains("already-sent"),
        "{}",
        stdout(&again)
    );
    assert!(
        stdout(&again).contains("not-mailable"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn a_wrong_password_stops_at_once_and_marks_nothing() {
    let case = Case::new();
    let server = Server::start("{}", &[]);
    let o = run({
        let mut c = case.smtp(&server);
        c.env("SUCCESSKIT_SMTP_PASSWORD", "wrong-password-123");
        c
    });
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("authentication failed"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("wrong-password-123"));
    assert!(server.received().is_empty());
    assert!(case.status().iter().all(|m| m["state"] != "sent"));
}

#[test]
fn an_oauth2_token_logs_in_with_xoauth2() {
    let case = Case::new();
    let server = Server::start("{}", &[]);
    let o = run({
        let mut c = case.smtp(&server);
        c.env_remove("SUCCESSKIT_SMTP_PASSWORD")
            .env("SUCCESSKIT_SMTP_OAUTH2_TOKEN", TOKEN)
            .args(["--rate", "0", "--only", "E-001"]);
        c
    });
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(server.received().len(), 1);
}

#[test]
fn a_451_is_retried_and_a_550_fails_only_its_message() {
    let case = Case::new();
    let script = serde_json::json!({
        contact(1): ["451", "250"],
        contact(2): ["550"],
    })
    .to_string();
    let server = Server::start(&script, &[]);
    let o = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "0"]);
        c
    });
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(server.received().len(), MAILABLE - 1);
    let e1 = case.state_of("E-001");
    assert_eq!(
        (e1["state"].as_str(), e1["attempts"].as_u64()),
        (Some("sent"), Some(2))
    );
    let e2 = case.state_of("E-002");
    assert_eq!(e2["state"], "failed");
    assert!(e2["reply"].as_str().unwrap().contains("550"), "{e2}");
    for id in ["E-003", "E-004", "E-005"] {
        assert_eq!(case.state_of(id)["state"], "sent");
    }
}

#[test]
fn a_connection_dropped_after_data_is_unknown_and_not_sent_again() {
    let case = Case::new();
    let script = serde_json::json!({ contact(1): ["drop"] }).to_string();
    let server = Server::start(&script, &[]);
    let o = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "0"]);
        c
    });
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(
        server.received().len(),
        MAILABLE,
        "the dropped one was delivered"
    );
    assert_eq!(case.state_of("E-001")["state"], "unknown");

    let again = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "0"]);
        c
    });
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(server.received().len(), MAILABLE, "not resent");
    assert!(
        stdout(&again).contains("--resend-unknown"),
        "{}",
        stdout(&again)
    );

    let forced = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "0", "--resend-unknown"]);
        c
    });
    assert_eq!(code(&forced), 0, "{}", stderr(&forced));
    assert_eq!(server.received().len(), MAILABLE + 1);
    assert_eq!(case.state_of("E-001")["state"], "sent");
}

#[test]
fn killed_mid_batch_then_run_again_nobody_gets_two() {
    let case = Case::new();
    let server = Server::start("{}", &[]);
    let mut child = {
        let mut c = case.smtp(&server);
        c.args(["--rate", "200"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c.spawn().unwrap()
    };
    let start = Instant::now();
    while server.received().len() < 2 && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let before = server.received().len();
    assert!(before < MAILABLE, "the batch finished before the kill");

    let o = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "0"]);
        c
    });
    assert!(code(&o) == 0, "{}", stderr(&o));
    let counts = server.per_contact();
    assert!(counts.iter().all(|(_, n)| *n == 1), "{counts:?}");
    let status = case.status();
    assert!(status.iter().all(|m| m["state"] != "sending"), "{status:?}");
    // Every engagement is sent, or unknown because the kill came between its DATA and
    // the journal's mark (delivered or not: never sent twice).
    let unknown: Vec<&Value> = status.iter().filter(|m| m["state"] == "unknown").collect();
    assert!(unknown.len() <= 1, "{status:?}");
    assert_eq!(status.len(), MAILABLE, "{status:?}");
    for m in status.iter().filter(|m| m["state"] == "sent") {
        let to = m["to"][0].as_str().unwrap();
        assert!(
            counts.iter().any(|(t, n)| t == to && *n == 1),
            "{to}: {counts:?}"
        );
    }
    assert!(
        counts.len() >= MAILABLE - unknown.len(),
        "{counts:?} {status:?}"
    );
}

#[test]
fn two_processes_at_once_never_send_the_same_engagement() {
    let case = Case::new();
    let slow: serde_json::Map<String, Value> = (1..=MAILABLE)
        .map(|i| (contact(i), serde_json::json!(["slow"])))
        .collect();
    let server = Server::start(&Value::Object(slow).to_string(), &[]);
    let spawn = || {
        let mut c = case.smtp(&server);
        c.args(["--rate", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c.spawn().unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(code(&a), 0, "{}", stderr(&a));
    assert_eq!(code(&b), 0, "{}", stderr(&b));
    let counts = server.per_contact();
    assert_eq!(counts.len(), MAILABLE, "{counts:?}");
    assert!(counts.iter().all(|(_, n)| *n == 1), "{counts:?}");
}

#[test]
fn limit_and_rate_are_honoured() {
    let case = Case::new();
    let server = Server::start("{}", &[]);
    // 120 a minute: one message every 0.5 s, so three take at least 1 s.
    let started = Instant::now();
    let o = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "120", "--limit", "3"]);
        c
    });
    let elapsed = started.elapsed();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let got = server.received();
    assert_eq!(got.len(), 3, "--limit 3");
    let at: Vec<f64> = got.iter().map(|(e, _)| e["at"].as_f64().unwrap()).collect();
    // Sends start 0.5 s apart; a message arrives when its transfer ends, and the first
    // one's transfer also opens the connection (STARTTLS, AUTH), which took over 50 ms
    // on a loaded CI machine: its arrival can lag its start by more than the third's.
    // Unpaced, the three arrive within a few tens of milliseconds.
    assert!(
        at[2] - at[0] >= 0.8,
        "three messages in {:.3} s at 120/min",
        at[2] - at[0]
    );
    assert!(elapsed >= Duration::from_millis(950), "{elapsed:?}");
    assert!(stdout(&o).contains("limit"), "{}", stdout(&o));

    let rest = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "0"]);
        c
    });
    assert_eq!(code(&rest), 0, "{}", stderr(&rest));
    assert_eq!(server.received().len(), MAILABLE);
}

#[test]
fn a_server_without_starttls_is_refused() {
    let case = Case::new();
    let server = Server::start("{}", &["--no-starttls"]);
    let o = run(case.smtp(&server));
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("STARTTLS"), "{}", stderr(&o));
    assert!(server.received().is_empty());
}

#[test]
fn implicit_tls_with_smtps() {
    let case = Case::new();
    let server = Server::start("{}", &["--implicit-tls"]);
    let o = run({
        let mut c = case.send();
        c.args([
            "--smtp",
            &format!("smtps://{USER}@localhost:{}", server.port),
        ])
        .arg("--tls-ca")
        .arg(certs().join("ca.pem"))
        .env("SUCCESSKIT_SMTP_PASSWORD", PASSWORD)
        .args(["--rate", "0", "--only", "E-002,E-003"]);
        c
    });
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(server.received().len(), 2);
}

#[test]
fn drafts_are_deterministic_and_read_by_python_email() {
    let case = Case::new();
    let drafts = case.dir.path().join("drafts");
    let o = run({
        let mut c = case.send();
        c.arg("--drafts").arg(&drafts);
        c
    });
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let files = cli_support::files(&drafts);
    assert_eq!(files.len(), MAILABLE, "{files:?}");
    let first: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(drafts.join(f)).unwrap())
        .collect();
    let again = run({
        let mut c = case.send();
        c.arg("--drafts").arg(&drafts);
        c
    });
    assert_eq!(code(&again), 0);
    for (f, bytes) in files.iter().zip(&first) {
        assert_eq!(
            &std::fs::read(drafts.join(f)).unwrap(),
            bytes,
            "{f:?} changed"
        );
    }
    // Recipients read again from the input (`--input`) give the very same drafts as the
    // ones the manifest recorded at build time.
    let from_input = case.dir.path().join("drafts-from-input");
    let o = run({
        let mut c = case.send();
        c.arg("--input")
            .arg(&built().0)
            .arg("--drafts")
            .arg(&from_input);
        c
    });
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for (f, bytes) in files.iter().zip(&first) {
        assert_eq!(
            &std::fs::read(from_input.join(f)).unwrap(),
            bytes,
            "{f:?} differs"
        );
    }
    let parsed = parse(&files.iter().map(|f| drafts.join(f)).collect::<Vec<_>>());
    for m in &parsed {
        assert_eq!(m["defects"], serde_json::json!([]), "{m}");
        assert_eq!(m["X-Unsent"], "1");
        assert_eq!(m["Date"], "Tue, 24 Nov 2026 00:00:00 +0000");
        assert_eq!(m["attachments"].as_array().unwrap().len(), 3);
        assert!(m["html"].as_str().unwrap().contains("<html"));
    }
    assert!(
        !case.out().join("send-journal.sqlite").exists(),
        "drafts change no journal"
    );
}

#[test]
fn a_next_check_in_already_past_is_not_announced() {
    // The sample's next check-in is August 2, 2024. Built as of July 20, 2024 and drafted
    // then (no SOURCE_DATE_EPOCH: the drafts are dated the kit's as-of day), the letter
    // names it; written on November 24, 2026, it would name a past date, so it says the
    // FM will be in touch instead.
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample/contoso.xlsx");
    let o = run({
        let mut c = successkit(dir.path());
        c.arg("build")
            .arg(&sample)
            .args(["-o", "kits", "--as-of", "2024-07-20", "--quiet"]);
        c
    });
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let letter = |epoch: Option<&str>| -> String {
        let drafts = dir
            .path()
            .join(format!("drafts-{}", epoch.unwrap_or("as-of")));
        let o = run({
            let mut c = successkit(dir.path());
            c.arg("send")
                .arg(dir.path().join("kits"))
                .args(["--from", FROM, "--drafts"])
                .arg(&drafts);
            match epoch {
                Some(e) => c.env("SOURCE_DATE_EPOCH", e),
                None => c.env_remove("SOURCE_DATE_EPOCH"),
            };
            c
        });
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let files = cli_support::files(&drafts);
        let parsed = parse(&[drafts.join(&files[0])]);
        parsed[0]["text"].as_str().unwrap_or_default().to_string()
    };
    let before = letter(None);
    assert!(
        before.contains("Our next check-in is on August 2, 2024."),
        "{before}"
    );
    let after = letter(Some(cli_support::EPOCH));
    assert!(!after.contains("August 2, 2024"), "{after}");
    assert!(
        after.contains("I will be in touch shortly to schedule our next check-in."),
        "{after}"
    );
}

#[test]
fn a_dry_run_sends_nothing_and_a_changed_file_is_refused() {
    let case = Case::new();
    // Tamper with E-004's checklist.
    let entry = manifest_entry(&case.out(), "E-004");
    let doc = entry["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "success-checklist-pdf")
        .unwrap()
        .clone();
    let path = case.out().join(doc["path"].as_str().unwrap());
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.push(b'\n');
    std::fs::write(&path, bytes).unwrap();

    let o = run(case.send());
    assert_eq!(code(&o), 0, "a dry run: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("E-001  Customer 001  → send"), "{out}");
    assert!(
        out.contains("to:          Contact 1 <contact-e-001@customer.test>"),
        "{out}"
    );
    assert!(
        out.contains("E-004  Customer 004  → failed (")
            && out.contains("changed since it was built"),
        "{out}"
    );
    assert!(
        out.contains("E-006  Customer 006  → not-mailable (no Contact Email)"),
        "{out}"
    );
    assert!(stderr(&o).contains("nothing was sent"), "{}", stderr(&o));
    assert!(!case.out().join("send-journal.sqlite").exists());

    let server = Server::start("{}", &[]);
    let sent = run({
        let mut c = case.smtp(&server);
        c.args(["--rate", "0"]);
        c
    });
    assert_eq!(code(&sent), 1, "{}", stderr(&sent));
    assert_eq!(
        server.received().len(),
        MAILABLE - 1,
        "nothing sent for E-004"
    );
}

#[test]
fn a_portuguese_locale_gets_a_portuguese_report_and_json_keeps_english() {
    let case = Case::new();
    let o = run({
        let mut c = case.send();
        c.env("LANG", "pt_BR.UTF-8");
        c
    });
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("  para:    Contact 1 <contact-e-001@customer.test>"),
        "{out}"
    );
    assert!(out.contains("  assunto: "), "{out}");
    assert!(out.contains("  anexos:  "), "{out}");
    // The action words are the JSON's states; the reason is in Portuguese.
    assert!(
        out.contains("E-006  Customer 006  → not-mailable (sem E-mail do Contato (Contact Email))"),
        "{out}"
    );
    assert!(
        stderr(&o)
            .contains("; nada foi enviado (--drafts PASTA grava rascunhos, --smtp URL envia)"),
        "{}",
        stderr(&o)
    );
    // JSON is for scripts: the same reasons in English whatever the locale.
    let o = run({
        let mut c = case.send();
        c.env("LANG", "pt_BR.UTF-8").args(["--format", "json"]);
        c
    });
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let e6 = v["engagements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["engagement"] == "E-006")
        .unwrap()
        .clone();
    assert_eq!(e6["detail"], "no Contact Email");
    // Without a sender, the error and its hint are Portuguese too.
    let o = successkit(case.dir.path())
        .args(["send"])
        .arg(case.out())
        .env("LANG", "pt_BR.UTF-8")
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(
            "erro: remetente não informado: use --from ENDEREÇO ou defina SUCCESSKIT_FROM\ndica: por exemplo"
        ),
        "{}",
        stderr(&o)
    );
    // A folder `build` never wrote into.
    let o = successkit(case.dir.path())
        .args(["send", ".", "--from", FROM])
        .env("LANG", "pt_BR.UTF-8")
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o)
            .contains("manifest.json não existe: rode `successkit build ENTRADA -o SAÍDA` antes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn no_manifest_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = run({
        let mut c = successkit(dir.path());
        c.args(["send", "nowhere", "--input", "x.xlsx", "--from", FROM]);
        c
    });
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("successkit build"), "{}", stderr(&o));
}

#[test]
fn attach_docx_adds_the_editable_plan_and_a_json_dry_run_lists_every_engagement() {
    let case = Case::new();
    let drafts = case.dir.path().join("drafts");
    let o = run({
        let mut c = case.send();
        c.args(["--only", "E-001", "--attach-docx", "--drafts"])
            .arg(&drafts);
        c
    });
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let files = cli_support::files(&drafts);
    assert_eq!(files.len(), 1, "--only: {files:?}");
    let parsed = parse(&[drafts.join(&files[0])]);
    let atts = parsed[0]["attachments"].as_array().unwrap();
    assert_eq!(atts.len(), 4, "{atts:?}");
    let docx = atts
        .iter()
        .find(|a| a["filename"] == "Success Plan - Customer 001.docx")
        .unwrap_or_else(|| panic!("no DOCX among {atts:?}"));
    assert_eq!(
        docx["content_type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let entry = manifest_entry(&case.out(), "E-001");
    let listed = entry["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "success-plan-docx")
        .unwrap();
    assert_eq!(docx["sha256"], listed["sha256"]);

    let o = run({
        let mut c = case.send();
        c.args(["--format", "json"]);
        c
    });
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("JSON on stdout");
    assert_eq!(doc["mode"], "dry-run");
    let lines = doc["engagements"].as_array().unwrap();
    assert_eq!(lines.len(), N, "{doc}");
    assert!(
        lines
            .iter()
            .any(|l| l["engagement"] == "E-006" && l["action"] == "not-mailable"),
        "{doc}"
    );
}
