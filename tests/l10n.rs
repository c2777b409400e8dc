//! An FM in Brazil reads everything in Portuguese: the pt-BR portfolio report's failed
//! list (PDF through pdftotext, XLSX through calamine) and the `erro:`/`dica:` lines of a
//! command that cannot run. The English of both stays as it was.

mod cli_support;

use calamine::{open_workbook, Reader, Xlsx};
use cli_support::*;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds `fixtures/portfolio` with the given `--lang` into `out`.
fn build_portfolio(out: &Path, lang: &str) {
    let o = run(
        root(),
        &[
            "build",
            "fixtures/portfolio",
            "-o",
            out.to_str().expect("utf-8 path"),
            "--lang",
            lang,
            "--quiet",
        ],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

/// The PDF's failed list from its heading on, one trimmed line each, without the pages'
/// running heads.
fn failed_list_pdf(pdf: &Path, heading: &str, furniture: &[&str]) -> String {
    let text = pdf_text(pdf);
    let start = text.find(heading).expect("the failed list's heading");
    text[start..]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !furniture.iter().any(|f| l.starts_with(f)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The workbook's failed sheet, one line per row, cells joined by ` | `.
fn failed_sheet(xlsx: &Path, sheet: &str) -> String {
    let mut wb: Xlsx<_> = open_workbook(xlsx).expect("xlsx reads back");
    let range = wb.worksheet_range(sheet).expect("the failed sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_portuguese_report_words_its_failed_list_in_portuguese() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    build_portfolio(&out, "pt-BR");

    let pdf = failed_list_pdf(
        &out.join("portfolio.pdf"),
        "Envolvimentos com falha",
        &["Relatório de portfólio", "Posição em"],
    );
    assert!(
        pdf.contains("erro: maria-lopes.xlsx: Engagements linha 3"),
        "{pdf}"
    );
    assert!(!pdf.contains(" row ") && !pdf.contains("error:"), "{pdf}");
    insta::assert_snapshot!("report_failed_list_pdf_pt_br", pdf);

    let xlsx = failed_sheet(&out.join("portfolio.xlsx"), "Com falha");
    assert!(xlsx.contains(" | erro | "), "{xlsx}");
    insta::assert_snapshot!("report_failed_list_xlsx_pt_br", xlsx);
}

#[test]
fn the_english_report_keeps_its_english_failed_list() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    build_portfolio(&out, "en");
    let pdf = failed_list_pdf(&out.join("portfolio.pdf"), "Engagements that failed", &[]);
    assert!(
        pdf.contains("error: maria-lopes.xlsx: Engagements row 3, \"Licenses\" = \"about 900\": not a whole number"),
        "{pdf}"
    );
    let xlsx = failed_sheet(&out.join("portfolio.xlsx"), "Failed");
    assert!(xlsx.contains(" | error | maria-lopes.xlsx | "), "{xlsx}");
    assert!(xlsx.contains("not a whole number"), "{xlsx}");
}

/// What a case is, the locale variables it runs with, its arguments.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], Vec<&'a str>);

/// Stderr of a command run in `cwd` with the given locale variables, `[tmp]` for `tmp`.
fn stderr_in(cwd: &Path, tmp: &Path, locale: &[(&str, &str)], args: &[&str]) -> String {
    let mut cmd = successkit(cwd);
    for (k, v) in locale {
        cmd.env(k, v);
    }
    let o = cmd.args(args).output().expect("the binary runs");
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    stderr(&o).replace(&tmp.display().to_string(), "[tmp]")
}

#[test]
fn commands_that_cannot_run_say_so_in_portuguese() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = tmp.path();
    let out = t.join("out");
    let out = out.to_str().expect("utf-8 path");
    let missing = t.join("no-such-folder");
    let missing = missing.to_str().expect("utf-8 path");
    let sample = "fixtures/sample/contoso.xlsx";
    let none: &[(&str, &str)] = &[];
    let locale_pt: &[(&str, &str)] = &[("LANG", "pt_BR.UTF-8")];

    let cases: [Case; 5] = [
        (
            "a missing input file",
            none,
            vec!["build", "nosuch.xlsx", "-o", out, "--lang", "pt-BR"],
        ),
        (
            "an unreadable --templates folder",
            none,
            vec![
                "build",
                sample,
                "-o",
                out,
                "--templates",
                missing,
                "--lang",
                "pt-BR",
            ],
        ),
        (
            "a bad --as-of, Portuguese by the locale",
            locale_pt,
            vec!["build", sample, "-o", out, "--as-of", "31/02/2026"],
        ),
        (
            "an unknown --lang, Portuguese by the locale",
            locale_pt,
            vec!["check", sample, "--lang", "klingon"],
        ),
        (
            "templates export over existing files",
            locale_pt,
            vec!["templates", "export", "templates"],
        ),
    ];
    let mut text = String::new();
    for (what, locale, args) in &cases {
        text.push_str(&format!("# {what}\n"));
        text.push_str(&stderr_in(root(), t, locale, args));
    }
    insta::assert_snapshot!("command_errors_pt_br", text);
}

#[test]
fn commands_that_cannot_run_keep_their_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let t = tmp.path();
    let out = t.join("out");
    let out = out.to_str().expect("utf-8 path");
    let missing = t.join("no-such-folder");
    let missing = missing.to_str().expect("utf-8 path");
    let sample = "fixtures/sample/contoso.xlsx";
    let en = |args: &[&str]| stderr_in(root(), t, &[], args);
    assert_eq!(
        en(&["build", sample, "-o", out, "--templates", missing]),
        "error: templates: cannot read [tmp]/no-such-folder: No such file or directory (os error 2)\n\
         hint: `successkit templates export DIR` writes the built-ins to start from\n"
    );
    assert_eq!(
        en(&["build", sample, "-o", out, "--as-of", "31/02/2026"]),
        "error: --as-of: \"31/02/2026\" is not a date\n\
         hint: write it as YYYY-MM-DD or DD/MM/YYYY, e.g. 2026-11-24 (the date used without --as-of)\n"
    );
    assert_eq!(
        en(&["check", sample, "--lang", "klingon"]),
        "error: --lang: \"klingon\" is not a language\nhint: choose en or pt-BR\n"
    );
    assert_eq!(
        en(&["build", sample, "-o", out, "--only", "plan,memo"]),
        "error: --only: unknown document \"memo\"\n\
         hint: choose from plan, checklist, handout (comma-separated)\n"
    );
}
