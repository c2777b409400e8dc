//! `successkit init`: the starter workbook is accepted by `check` in both languages, has
//! the drop-downs and frozen headers it promises, and is never overwritten by accident.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};
use successkit::input::{read_inputs, Limits};
use successkit::model;

/// Runs the binary in an English locale (`init` without `--lang` follows the locale).
fn run(args: &[&str], dir: &Path) -> Output {
    run_in(args, dir, "C.UTF-8")
}

fn run_in(args: &[&str], dir: &Path, locale: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_successkit"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1732406400")
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .output()
        .expect("run successkit")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn zip_member(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut member = archive.by_name(name).unwrap();
    let mut s = String::new();
    member.read_to_string(&mut s).unwrap();
    s
}

#[test]
fn english_starter_is_accepted_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["init", "."], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("wrote ./engagements.xlsx"), "{said}");
    assert!(
        said.contains("next: successkit check ./engagements.xlsx"),
        "{said}"
    );

    let check = run(&["check", "engagements.xlsx"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    assert_eq!(
        text(&check.stdout),
        "1 engagement ready, 0 failed; 0 errors, 0 warnings\n"
    );

    let input = read_inputs(&[dir.path().join("engagements.xlsx")], &Limits::default());
    let sheets: Vec<&str> = input.sources[0]
        .tables
        .iter()
        .map(|t| t.sheet.as_str())
        .collect();
    assert_eq!(
        sheets,
        [
            "Engagements",
            "Services",
            "Stakeholders",
            "Success Metrics",
            "Tasks",
            "Actions"
        ]
    );
    let loaded = model::load(&input);
    let e = &loaded.engagements[0];
    let ids: Vec<u64> = e.tasks.iter().map(|t| t.id).collect();
    assert_eq!(
        ids,
        [3734, 3278, 3718, 3737, 3738, 2536],
        "the seed's portal tasks"
    );
    assert!(
        !e.services.is_empty()
            && !e.stakeholders.is_empty()
            && !e.metrics.is_empty()
            && !e.actions.is_empty()
    );
}

#[test]
fn a_portuguese_locale_gets_the_portuguese_starter_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(&["init", "."], dir.path(), "pt_BR.UTF-8");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(dir.path().join("envolvimentos.xlsx").exists());
    assert_eq!(
        text(&out.stdout),
        "gravado: ./envolvimentos.xlsx\n  uma aba por tabela, com um envolvimento de exemplo \
         (ENG-0001) para substituir\npróximo passo: successkit check ./envolvimentos.xlsx\n"
    );
    // `--lang` still decides, whatever the locale.
    let out = run_in(&["init", "en", "--lang", "en"], dir.path(), "pt_BR.UTF-8");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(dir.path().join("en/engagements.xlsx").exists());
    assert!(
        text(&out.stdout).starts_with("wrote en/engagements.xlsx"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn portuguese_starter_is_accepted_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["init", "novo", "--lang", "pt-BR"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let path = dir.path().join("novo/envolvimentos.xlsx");
    assert!(path.exists());
    let check = run(
        &["check", "novo/envolvimentos.xlsx", "--format", "json"],
        dir.path(),
    );
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let doc: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(doc["engagements"][0]["language"], "pt-BR");
    assert_eq!(doc["engagements"][0]["counts"]["tasks"], 6);

    let input = read_inputs(std::slice::from_ref(&path), &Limits::default());
    let table = &input.sources[0].tables[0];
    assert_eq!(table.sheet, "Envolvimentos");
    assert_eq!(table.headers[0], "ID do Envolvimento");
    assert_eq!(table.headers[16], "Benefício de Adoção Empresarial");
    let sheets: Vec<&str> = input.sources[0]
        .tables
        .iter()
        .map(|t| t.sheet.as_str())
        .collect();
    assert_eq!(
        sheets,
        [
            "Envolvimentos",
            "Serviços",
            "Partes Interessadas",
            "Métricas de Sucesso",
            "Tarefas",
            "Ações"
        ]
    );
}

#[test]
fn starter_has_dropdowns_frozen_bold_headers_and_widths() {
    let dir = tempfile::tempdir().unwrap();
    run(&["init", "."], dir.path());
    let path = dir.path().join("engagements.xlsx");
    // Sheet 1 is Engagements: segment, language, cadence and yes/no drop-downs.
    let engagements = zip_member(&path, "xl/worksheets/sheet1.xml");
    assert!(
        engagements.contains(r#"state="frozen""#),
        "frozen header row"
    );
    assert!(engagements.contains("<cols>"), "column widths");
    assert_eq!(engagements.matches("<dataValidation ").count(), 4);
    assert!(
        engagements.contains(r#""Enterprise,SMC,SMB""#),
        "{engagements}"
    );
    assert!(engagements.contains(r#""weekly,biweekly,monthly""#));
    // Services: four SSAT status columns.
    let services = zip_member(&path, "xl/worksheets/sheet2.xml");
    assert_eq!(services.matches("<dataValidation ").count(), 4);
    assert!(services.contains("Done,In progress,Not started,N/A"));
    // Tasks: M/O and status.
    let tasks = zip_member(&path, "xl/worksheets/sheet5.xml");
    assert!(tasks.contains(r#""M,O""#));
    assert!(tasks.contains("Not started,In progress,Completed,Blocked,N/A"));
    let styles = zip_member(&path, "xl/styles.xml");
    assert!(styles.contains("<b/>"), "bold header font");
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("engagements.xlsx");
    std::fs::write(&path, "my precious data").unwrap();
    let out = run(&["init", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my precious data");

    let out = run(&["init", ".", "--force"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
}

#[test]
fn same_bytes_every_time() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    run(&["init", "."], a.path());
    run(&["init", "."], b.path());
    assert_eq!(
        std::fs::read(a.path().join("engagements.xlsx")).unwrap(),
        std::fs::read(b.path().join("engagements.xlsx")).unwrap()
    );
}
