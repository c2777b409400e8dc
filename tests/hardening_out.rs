//! The output folder under attack and accident (issue: hardening, classes 6 and 7):
//! nothing is written or deleted through a link, two runs never share a folder at once,
//! the manifest is never stale, a folder given both as input and as output reads only
//! its inputs, and a manifest that cannot be written loses no result.

mod cli_support;

use cli_support::*;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn engagement_folders(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(out)
        .expect("out")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

/// Every document the manifest lists has the size and sha256 it records.
fn assert_manifest_matches_files(out: &Path) {
    use sha2::{Digest, Sha256};
    let m = manifest(out);
    let mut docs: Vec<&serde_json::Value> = m["report"].as_array().into_iter().flatten().collect();
    for e in m["engagements"].as_array().expect("engagements") {
        docs.extend(e["documents"].as_array().into_iter().flatten());
    }
    assert!(!docs.is_empty(), "{m}");
    for d in docs {
        let path = out.join(d["path"].as_str().expect("path"));
        let bytes = std::fs::read(&path).expect("listed file exists");
        assert_eq!(bytes.len() as u64, d["bytes"].as_u64().expect("bytes"));
        let hex: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            d["sha256"].as_str().expect("sha"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_link_planted_in_out_is_replaced_never_written_or_cleaned_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_portfolio(&dir.path().join("in"), &specs(2));
    let input = input.to_str().expect("utf-8");
    let o = run(dir.path(), &["build", input, "-o", "out"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = dir.path().join("out");
    let folder = engagement_folders(&out).remove(0);

    // Elsewhere: a file of the user's, and one named like a leftover temporary file.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("keep.txt"), "mine").expect("write");
    std::fs::write(elsewhere.join(".successkit-x.tmp"), "mine too").expect("write");
    std::fs::remove_dir_all(&folder).expect("rm");
    std::os::unix::fs::symlink(&elsewhere, &folder).expect("symlink");

    let o = run(dir.path(), &["build", input, "-o", "out", "--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let names: Vec<String> = std::fs::read_dir(&elsewhere)
        .expect("elsewhere")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(
        names,
        [".successkit-x.tmp", "keep.txt"],
        "written through the link"
    );
    let meta = std::fs::symlink_metadata(&folder).expect("folder");
    assert!(meta.is_dir() && !meta.file_type().is_symlink());
    assert_manifest_matches_files(&out);
}

#[test]
fn init_never_writes_through_a_link_at_a_temporary_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("victim.txt");
    std::fs::write(&target, "precious").expect("write");
    let kit = dir.path().join("kit");
    std::fs::create_dir(&kit).expect("mkdir");
    // The names an earlier version used for its temporary file.
    for name in [".engagements.xlsx.tmp", ".envolvimentos.xlsx.tmp"] {
        std::os::unix::fs::symlink(&target, kit.join(name)).expect("symlink");
    }
    let o = run(dir.path(), &["init", "kit"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "precious");
    let made: Vec<PathBuf> = std::fs::read_dir(&kit)
        .expect("kit")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
}

#[test]
fn template_links_may_not_leave_the_templates_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_portfolio(&dir.path().join("in"), &specs(1));
    let input = input.to_str().expect("utf-8");
    let secret = dir.path().join("secret.md");
    std::fs::write(&secret, "# Secret\n\nnot for customers\n").expect("write");
    let t = dir.path().join("templates");
    std::fs::create_dir_all(t.join("en")).expect("mkdir");
    // Inside the folder: followed.
    std::fs::write(t.join("en/partial-source.md"), "x").expect("write");
    std::os::unix::fs::symlink(t.join("en/partial-source.md"), t.join("en/inside.md"))
        .expect("symlink");
    let o = run(
        dir.path(),
        &["build", input, "-o", "out1", "--templates", "templates"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Outside: refused, naming the link.
    std::os::unix::fs::symlink(&secret, t.join("en/success-plan.md.hbs")).expect("symlink");
    let o = run(
        dir.path(),
        &["build", input, "-o", "out2", "--templates", "templates"],
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("success-plan.md.hbs"), "{err}");
    assert!(err.contains("outside the templates folder"), "{err}");
    assert!(!dir.path().join("out2/manifest.json").exists());
}

#[test]
fn a_second_run_waits_for_the_first_and_finds_its_work_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_portfolio(&dir.path().join("in"), &specs(3));
    let input = input.to_str().expect("utf-8");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    // This test holds the folder, as a first run would.
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(out.join(".successkit.lock"))
        .expect("lock file");
    // SAFETY: flock on the descriptor `lock` owns (the lock successkit itself takes).
    let held = unsafe { libc::flock(std::os::unix::io::AsRawFd::as_raw_fd(&lock), libc::LOCK_EX) };
    assert_eq!(held, 0, "flock");
    std::io::Write::write_all(&mut &lock, b"4242\n").expect("pid");
    let mut child = successkit(dir.path())
        .args(["build", input, "-o", "out"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    // The run says it waits (however long a loaded machine takes to get there), and
    // then it does wait: nothing is written while the folder is held.
    let lines = std::io::BufRead::lines(std::io::BufReader::new(
        child.stderr.take().expect("stderr"),
    ));
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut all = String::new();
        for line in lines.map_while(Result::ok) {
            all.push_str(&line);
            all.push('\n');
            if line.contains("waiting") {
                let _ = tx.send(());
            }
        }
        all
    });
    let told = rx.recv_timeout(Duration::from_secs(120)).is_ok();
    std::thread::sleep(Duration::from_millis(500));
    let waiting = child.try_wait().expect("wait").is_none();
    let manifest_early = out.join("manifest.json").exists();
    drop(lock);
    let start = Instant::now();
    let status = child.wait().expect("ends");
    assert!(start.elapsed() < Duration::from_secs(60));
    let err = reader.join().expect("stderr");
    assert!(told, "no notice that the run waits: {err}");
    assert!(waiting, "the second run did not wait: {err}");
    assert!(!manifest_early, "written while the folder was held");
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(
        err.contains("in use by another successkit run (process 4242): waiting"),
        "{err}"
    );
    assert_manifest_matches_files(&out);

    // Two real runs at once: both succeed, nothing is reported failed.
    let spawn = || {
        successkit(dir.path())
            .args(["build", input, "-o", "out", "--force"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts")
    };
    let (a, b) = (spawn(), spawn());
    for o in [
        a.wait_with_output().expect("a"),
        b.wait_with_output().expect("b"),
    ] {
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    assert_manifest_matches_files(&out);
}

#[test]
fn an_interrupted_rerender_never_leaves_a_stale_manifest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_portfolio(&dir.path().join("in"), &specs(40));
    let input = input.to_str().expect("utf-8");
    let o = run(dir.path(), &["build", input, "-o", "out", "--jobs", "1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = dir.path().join("out");
    assert_manifest_matches_files(&out);
    // Another date renders every engagement again; kill the run once it has begun.
    let mut child = successkit(dir.path())
        .args([
            "build",
            input,
            "-o",
            "out",
            "--jobs",
            "1",
            "--as-of",
            "2027-01-15",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let start = Instant::now();
    while out.join("manifest.json").exists() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    // Either the run finished (a whole new manifest) or there is none: never the old one
    // beside new files.
    if out.join("manifest.json").exists() {
        assert_manifest_matches_files(&out);
    }
    let o = run(
        dir.path(),
        &[
            "build",
            input,
            "-o",
            "out",
            "--jobs",
            "1",
            "--as-of",
            "2027-01-15",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_manifest_matches_files(&out);
}

#[test]
fn an_output_folder_given_as_input_reads_only_the_inputs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("portfolio");
    std::fs::create_dir(&folder).expect("mkdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/portfolio");
    for e in std::fs::read_dir(&fixtures).expect("fixtures").flatten() {
        std::fs::copy(e.path(), folder.join(e.file_name())).expect("copy");
    }
    // The fixtures hold some invalid engagements on purpose: what matters is that the
    // second run, with the report beside the inputs, sees exactly what the first saw.
    let mut seen = Vec::new();
    for round in 0..2 {
        let o = run(
            dir.path(),
            &["build", "portfolio", "-o", "portfolio", "--force"],
        );
        let err = stderr(&o);
        assert!(!err.contains("more than once"), "round {round}: {err}");
        if round == 1 {
            assert!(err.contains("a portfolio report successkit wrote"), "{err}");
        }
        let m = manifest(&folder);
        let statuses: Vec<(String, String)> = m["engagements"]
            .as_array()
            .expect("engagements")
            .iter()
            .map(|e| (e["id"].to_string(), e["status"].to_string()))
            .collect();
        assert!(statuses.iter().any(|(_, s)| s == "\"ok\""), "{m}");
        seen.push((code(&o), statuses));
    }
    assert_eq!(seen[0], seen[1]);
}

#[test]
fn an_unwritable_manifest_still_prints_every_result_and_the_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write_portfolio(&dir.path().join("in"), &specs(2));
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("manifest.json/blocker")).expect("a folder in the way");
    let o = run(
        dir.path(),
        &["build", input.to_str().expect("utf-8"), "-o", "out"],
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(err.contains("2 engagements ready"), "no summary: {err}");
    assert!(err.contains("manifest.json"), "{err}");
    assert!(err.contains("the documents above are made"), "{err}");
    assert_eq!(
        engagement_folders(&out).len(),
        2 + 1,
        "two engagements and the blocker"
    );
}
