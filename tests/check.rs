//! `successkit check` as users run it: the real binary on the fixtures, its text table
//! (snapshot: the wording is product), its JSON document and its exit codes.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn check(args: &[&str]) -> Output {
    check_in_locale(args, &[])
}

/// `check` with only the given locale variables set: a `LANG=pt_BR.UTF-8` in the shell
/// running the tests must not turn the English snapshots Portuguese.
fn check_in_locale(args: &[&str], locale: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_successkit"));
    cmd.arg("check")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1732406400")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(locale.iter().copied());
    cmd.output().expect("run successkit")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn json(args: &[&str]) -> (Value, i32) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = check(&all);
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("exactly one JSON document");
    (doc, out.status.code().unwrap_or(-1))
}

#[test]
fn the_sample_is_ready_and_exits_0() {
    let out = check(&["fixtures/sample/contoso.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "1 engagement ready, 0 failed; 0 errors, 0 warnings\n"
    );
    let out = check(&[
        "fixtures/sample/itau-textil.xlsx",
        "fixtures/sample/contoso.xlsx",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "2 engagements ready, 0 failed; 0 errors, 0 warnings\n"
    );
}

#[test]
fn the_bad_workbook_text_report() {
    let out = check(&["fixtures/bad/bad.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no colour off a terminal");
    insta::assert_snapshot!("bad_text", text);
}

#[test]
fn the_portfolio_text_report() {
    let out = check(&["fixtures/portfolio"]);
    assert_eq!(out.status.code(), Some(1), "one engagement of ten fails");
    let text = stdout(&out);
    assert!(
        text.ends_with("9 engagements ready, 1 failed; 5 errors, 0 warnings\n"),
        "{text}"
    );
    insta::assert_snapshot!("portfolio_text", text);
}

#[test]
fn the_portfolio_text_report_in_portuguese() {
    let out = check(&["fixtures/portfolio", "--lang", "pt-BR"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.ends_with("9 envolvimentos prontos, 1 com falha; 5 erros, 0 avisos\n"),
        "{text}"
    );
    insta::assert_snapshot!("portfolio_text_pt_br", text);
}

#[test]
fn the_bad_workbook_text_report_in_portuguese() {
    let out = check(&["fixtures/bad/bad.xlsx", "--lang", "pt-BR"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("bad_text_pt_br", stdout(&out));
}

#[test]
fn json_keeps_english_messages_and_adds_the_localized_one() {
    let (en, _) = json(&["fixtures/portfolio"]);
    let (pt, _) = json(&["fixtures/portfolio", "--lang", "pt-BR"]);
    let (en_problems, pt_problems) = (
        en["problems"].as_array().expect("problems"),
        pt["problems"].as_array().expect("problems"),
    );
    assert_eq!(en_problems.len(), pt_problems.len());
    for (e, p) in en_problems.iter().zip(pt_problems) {
        assert!(e.get("message_localized").is_none(), "English adds nothing");
        assert_eq!(e["message"], p["message"], "message stays English");
        let localized = p["message_localized"].as_str().expect("message_localized");
        assert_ne!(Some(localized), p["message"].as_str());
    }
    insta::assert_json_snapshot!("portfolio_json_pt_br", pt["problems"]);
}

#[test]
fn the_locale_picks_the_language_when_lang_is_not_given() {
    let summary = |locale: &[(&str, &str)], args: &[&str]| {
        let mut all = vec!["fixtures/sample/contoso.xlsx"];
        all.extend(args);
        stdout(&check_in_locale(&all, locale))
    };
    let pt = "1 envolvimento pronto, 0 com falha; 0 erros, 0 avisos\n";
    let en = "1 engagement ready, 0 failed; 0 errors, 0 warnings\n";
    assert_eq!(summary(&[("LANG", "pt_BR.UTF-8")], &[]), pt);
    assert_eq!(summary(&[("LC_MESSAGES", "pt_BR")], &[]), pt);
    assert_eq!(
        summary(&[("LC_ALL", "pt_PT.UTF-8"), ("LANG", "en_US")], &[]),
        pt
    );
    // The first of LC_ALL, LC_MESSAGES, LANG that is set decides.
    assert_eq!(
        summary(&[("LC_ALL", "C"), ("LANG", "pt_BR.UTF-8")], &[]),
        en
    );
    assert_eq!(summary(&[("LANG", "de_DE.UTF-8")], &[]), en);
    assert_eq!(summary(&[], &[]), en);
    // --lang wins over the locale.
    assert_eq!(summary(&[("LANG", "pt_BR.UTF-8")], &["--lang", "en"]), en);
}

#[test]
fn text_columns_are_aligned() {
    let text = stdout(&check(&["fixtures/bad/bad.xlsx"]));
    let lines: Vec<&str> = text.lines().take_while(|l| !l.is_empty()).collect();
    let header = lines[0];
    for name in ["place", "column", "value", "message"] {
        let at = header.find(name).expect("header names the column");
        let col = header[..at].chars().count();
        for line in &lines[1..] {
            let before: String = line.chars().take(col).collect();
            assert!(
                before.ends_with("  ") || before.chars().count() < col,
                "{name} misaligned in {line:?}"
            );
        }
    }
}

#[test]
fn json_document_shape() {
    let (doc, code) = json(&[
        "fixtures/sample/contoso.xlsx",
        "fixtures/portfolio/maria-lopes.xlsx",
    ]);
    assert_eq!(code, 1);
    let engagements = doc["engagements"].as_array().expect("engagements");
    assert_eq!(engagements.len(), 4);
    let contoso = &engagements[0];
    for key in ["id", "source", "valid", "fields", "counts"] {
        assert!(contoso.get(key).is_some(), "missing {key}");
    }
    assert_eq!(contoso["id"], "ENG-1001");
    assert_eq!(contoso["source"], "fixtures/sample/contoso.xlsx");
    assert_eq!(contoso["valid"], true);
    let f = &contoso["fields"];
    assert_eq!(f["Customer"], "Contoso Ltd.");
    assert_eq!(f["Licenses"], 25000);
    assert_eq!(f["Workshop Date"], "2024-07-12");
    assert_eq!(f["Enterprise Adoption Benefit"], true);
    assert_eq!(f["Language"], "en");
    assert_eq!(f["Segment"], "Enterprise");
    assert_eq!(f["Check-in Cadence"], "biweekly");
    assert_eq!(
        f["Contact Email"],
        serde_json::json!([
            "megan.bowen@contoso.example.com",
            "it-adoption@contoso.example.com"
        ])
    );
    assert_eq!(f["Region"], "EMEA", "custom fields under their own header");
    assert_eq!(
        contoso["counts"],
        serde_json::json!({"services": 6, "stakeholders": 5, "metrics": 4, "tasks": 6, "actions": 4})
    );
    let failed = engagements
        .iter()
        .find(|e| e["id"] == "EU-4002")
        .expect("EU-4002");
    assert_eq!(failed["valid"], false);
    assert_eq!(failed["fields"]["Workshop Date"], Value::Null);

    let problems = doc["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 5);
    let p = &problems[0];
    let keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "column",
            "engagement",
            "file",
            "message",
            "row",
            "severity",
            "sheet",
            "value"
        ]
    );
    assert_eq!(p["severity"], "error");
    assert_eq!(p["file"], "fixtures/portfolio/maria-lopes.xlsx");
    assert_eq!(p["sheet"], "Engagements");
    assert_eq!(p["row"], 3);
    assert_eq!(p["column"], "Licenses");
    assert_eq!(p["value"], "about 900");
    assert_eq!(p["engagement"], "EU-4002");
}

#[test]
fn json_of_the_sample() {
    let (doc, code) = json(&["fixtures/sample/itau-textil.xlsx"]);
    assert_eq!(code, 0);
    insta::assert_json_snapshot!("itau_json", doc);
}

#[test]
fn lang_fills_the_language_of_engagements_that_name_none() {
    let (doc, _) = json(&["fixtures/portfolio/john-smith.xlsx", "--lang", "pt-BR"]);
    // john-smith.xlsx names `en` on every row: --lang does not override the data.
    assert!(doc["engagements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["language"] == "en"));
}

#[test]
fn nothing_readable_exits_2() {
    let out = check(&["fixtures/does-not-exist.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("no such file"), "{}", stdout(&out));

    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("notes.xlsx");
    std::fs::write(&fake, "just some text\n").unwrap();
    let (doc, code) = json(&[fake.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(doc["engagements"], serde_json::json!([]));
    assert_eq!(doc["problems"][0]["severity"], "error");
}

#[test]
fn an_unreadable_file_in_a_batch_fails_the_batch_but_not_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("broken.xlsx");
    std::fs::write(&fake, [0u8; 64]).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample/contoso.xlsx");
    let (doc, code) = json(&[sample.to_str().unwrap(), fake.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(doc["engagements"][0]["valid"], true);
}

#[test]
fn a_folder_of_workbooks_with_stray_csv_files_reads_the_workbooks() {
    // fixtures/hostile: nine unreadable workbooks plus empty.csv and invalid-utf8.csv,
    // neither named after a contract table.
    let (doc, code) = json(&["fixtures/hostile/"]);
    assert_eq!(code, 2, "nothing readable");
    let problems = doc["problems"].as_array().expect("problems");
    let errors = problems.iter().filter(|p| p["severity"] == "error").count();
    assert_eq!(errors, 9, "one error per workbook: {problems:#?}");
    assert!(problems.iter().any(|p| p["severity"] == "notice"
        && p["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("empty.csv, invalid-utf8.csv are not named"))));
}

#[test]
fn paths_in_one_table_are_shortened_alike() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile");
    let out = check(&[dir.to_str().expect("utf-8 path")]);
    let text = stdout(&out);
    let places: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("error"))
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(places.len(), 9, "{text}");
    assert!(
        places.iter().all(|p| p.starts_with("…/hostile/")),
        "{places:?}"
    );
}

#[test]
fn a_bad_lang_reads_like_the_other_option_errors() {
    let out = check(&["fixtures/sample/contoso.xlsx", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        "error: --lang: \"fr\" is not a language\nhint: choose en or pt-BR\n"
    );
}

#[test]
fn help_documents_the_exit_status() {
    let out = check(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("Exit status:"), "{text}");
    for code in ["  0  ", "  1  ", "  2  "] {
        assert!(text.contains(code), "{code:?} in {text}");
    }
}

#[test]
fn what_lies_beside_an_input_is_a_notice() {
    // One table of a CSV folder given alone: the folder's other tables are named.
    let one = check(&["--format", "json", "fixtures/scripts/engagements.csv"]);
    let doc: Value = serde_json::from_slice(&one.stdout).expect("JSON");
    let notice = doc["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .find(|p| p["severity"] == "notice")
        .expect("a notice");
    assert_eq!(
        notice["message"],
        "one table of the CSV folder fixtures/scripts: its other tables (services.csv, tasks.csv) \
         are read only when the folder itself is given"
    );
    // All three given: no notice.
    let all = check(&[
        "--format",
        "json",
        "fixtures/scripts/engagements.csv",
        "fixtures/scripts/services.csv",
        "fixtures/scripts/tasks.csv",
    ]);
    let doc: Value = serde_json::from_slice(&all.stdout).expect("JSON");
    assert!(
        !doc["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .any(|p| p["severity"] == "notice"),
        "{doc}"
    );
    // Excel's lock file beside a workbook: it is open, unsaved changes are not read.
    let tmp = tempfile::tempdir().expect("tempdir");
    let book = tmp.path().join("contoso.xlsx");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample/contoso.xlsx"),
        &book,
    )
    .expect("copy");
    std::fs::write(tmp.path().join("~$contoso.xlsx"), b"owner").expect("lock");
    let open = check(&[book.to_str().expect("path")]);
    assert_eq!(open.status.code(), Some(0));
    assert!(
        stdout(&open).contains(
            "the workbook is open in Excel (~$contoso.xlsx beside it): changes not saved yet are not read"
        ),
        "{}",
        stdout(&open)
    );
}
