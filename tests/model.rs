//! The model against the input contract: one test per rule, on raw tables built in code
//! (so each rule is tested alone), plus the twins: the same engagement read from a CSV
//! folder, xlsx, xlsm, xls and ods gives one identical model.

use chrono::NaiveDate;
use serde_json::Value;
use std::path::PathBuf;
use successkit::input::{read_inputs, InputSet, Limits, RawCell, RawRow, RawSource, RawTable};
use successkit::model::{self, Amount, Cadence, FactorStatus, Lang, Loaded, Segment, WorkStatus};
use successkit::problem::{Problem, Severity};

// ---------------------------------------------------------------------------------------
// Builders

fn s(text: &str) -> RawCell {
    RawCell::Text(text.to_string())
}

fn n(x: f64) -> RawCell {
    RawCell::Number(x)
}

fn e() -> RawCell {
    RawCell::Empty
}

fn table(file: &str, sheet: &str, headers: &[&str], rows: Vec<Vec<RawCell>>) -> RawTable {
    RawTable {
        file: file.to_string(),
        sheet: sheet.to_string(),
        header_row: 1,
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, mut cells)| {
                cells.resize(headers.len(), RawCell::Empty);
                RawRow {
                    number: i as u64 + 2,
                    cells,
                }
            })
            .collect(),
    }
}

fn source(file: &str, tables: Vec<RawTable>) -> RawSource {
    RawSource {
        file: file.to_string(),
        tables,
    }
}

fn load(sources: Vec<RawSource>) -> Loaded {
    model::load(&InputSet {
        sources,
        problems: Vec::new(),
    })
}

const ENG_HEADERS: &[&str] = &[
    "Engagement ID",
    "Customer",
    "FastTrack Manager",
    "Workshop Date",
];

fn eng_row(id: &str, customer: &str) -> Vec<RawCell> {
    vec![s(id), s(customer), s("Alex Wilber"), s("2024-07-12")]
}

fn engagements(file: &str, rows: Vec<Vec<RawCell>>) -> RawTable {
    table(file, "Engagements", ENG_HEADERS, rows)
}

/// One engagement in `book.xlsx` with one extra column on its Engagements row.
fn one_with(header: &str, value: RawCell) -> Loaded {
    let mut headers = ENG_HEADERS.to_vec();
    headers.push(header);
    let mut row = eng_row("E1", "Contoso");
    row.push(value);
    load(vec![source(
        "book.xlsx",
        vec![table("book.xlsx", "Engagements", &headers, vec![row])],
    )])
}

fn errors(loaded: &Loaded) -> Vec<&Problem> {
    loaded.problems.iter().filter(|p| p.is_error()).collect()
}

fn only_error(loaded: &Loaded) -> &Problem {
    let errs = errors(loaded);
    assert_eq!(
        errs.len(),
        1,
        "expected one error, got {:#?}",
        loaded.problems
    );
    errs[0]
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// ---------------------------------------------------------------------------------------
// Matching names

#[test]
fn portuguese_names_match_ignoring_case_accents_spaces_and_punctuation() {
    let loaded = load(vec![source(
        "livro.xlsx",
        vec![
            table(
                "livro.xlsx",
                "ENVOLVIMENTOS",
                &[
                    "id_do_envolvimento",
                    "CLIENTE",
                    "gerente-fasttrack",
                    "Data do Workshop",
                    "Idioma",
                ],
                vec![vec![
                    s("P1"),
                    s("Itaú"),
                    s("Cecília"),
                    s("12/07/2024"),
                    s("pt-BR"),
                ]],
            ),
            table(
                "livro.xlsx",
                "Servicos",
                &[
                    "ID do envolvimento",
                    "serviço",
                    "STAKEHOLDERS",
                    "cenarios",
                    "Conscientizacao",
                    "Treinamento",
                    "Observações",
                ],
                vec![vec![
                    s("P1"),
                    s("Teams"),
                    s("Concluído"),
                    s("Em andamento"),
                    s("Não iniciado"),
                    s("N/D"),
                    s("ok"),
                ]],
            ),
            table(
                "livro.xlsx",
                "métricas de sucesso",
                &[
                    "ID do Envolvimento",
                    "Cenário",
                    "Linha de Base",
                    "Meta",
                    "Data Alvo",
                ],
                vec![vec![
                    s("P1"),
                    s("Reuniões"),
                    n(300.0),
                    s("1.200"),
                    s("31.12.2024"),
                ]],
            ),
            table(
                "livro.xlsx",
                "Próximas Etapas",
                &[
                    "ID do Envolvimento",
                    "Ação",
                    "Responsável",
                    "Data de Vencimento",
                    "Status",
                ],
                vec![vec![
                    s("P1"),
                    s("Enviar o plano"),
                    s("Cecília"),
                    s("19/07/2024"),
                    s("Concluída"),
                ]],
            ),
        ],
    )]);
    assert!(errors(&loaded).is_empty(), "{:#?}", loaded.problems);
    let eng = &loaded.engagements[0];
    assert!(eng.valid);
    assert_eq!(eng.customer, "Itaú");
    assert_eq!(eng.workshop_date, date(2024, 7, 12));
    assert_eq!(eng.language, Some(Lang::PtBr));
    let svc = &eng.services[0];
    assert_eq!(
        [svc.stakeholders, svc.scenarios, svc.awareness, svc.training],
        [
            FactorStatus::Done,
            FactorStatus::InProgress,
            FactorStatus::NotStarted,
            FactorStatus::NotApplicable
        ]
    );
    assert_eq!(eng.metrics[0].baseline, Some(Amount::Number(300.0)));
    assert_eq!(eng.metrics[0].target, Some(Amount::Number(1200.0)));
    assert_eq!(eng.metrics[0].target_date, Some(date(2024, 12, 31)));
    assert_eq!(eng.actions[0].status, WorkStatus::Completed);
}

#[test]
fn csv_stems_name_their_tables() {
    for (stem, expect_metrics) in [
        ("success-metrics", true),
        ("metricas-de-sucesso", true),
        ("success_metrics", true),
        ("budget", false),
    ] {
        let loaded = load(vec![source(
            "folder",
            vec![
                engagements("folder/engagements.csv", vec![eng_row("E1", "Contoso")]),
                table(
                    &format!("folder/{stem}.csv"),
                    stem,
                    &["Scenario"],
                    vec![vec![s("Meet")]],
                ),
            ],
        )]);
        assert_eq!(
            loaded.engagements[0].metrics.len(),
            usize::from(expect_metrics),
            "{stem}"
        );
    }
}

#[test]
fn columns_may_come_in_any_order() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![table(
            "book.xlsx",
            "Engagements",
            &[
                "Workshop Date",
                "FastTrack Manager",
                "Customer",
                "Engagement ID",
            ],
            vec![vec![s("2024-07-12"), s("Alex"), s("Contoso"), s("E1")]],
        )],
    )]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert_eq!(loaded.engagements[0].customer, "Contoso");
    assert_eq!(loaded.engagements[0].fm, "Alex");
}

#[test]
fn unknown_columns_are_kept_as_custom_fields_under_their_header() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            table(
                "book.xlsx",
                "Engagements",
                &[
                    "Engagement ID",
                    "Customer",
                    "FastTrack Manager",
                    "Workshop Date",
                    "Região",
                    "Budget",
                ],
                vec![vec![
                    s("E1"),
                    s("Contoso"),
                    s("Alex"),
                    s("2024-07-12"),
                    s("  Nordeste "),
                    n(1500.0),
                ]],
            ),
            table(
                "book.xlsx",
                "Tasks",
                &["Task ID", "Task Name", "Wave"],
                vec![vec![n(2536.0), s("Workshop"), s("2")]],
            ),
        ],
    )]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let eng = &loaded.engagements[0];
    assert_eq!(
        eng.custom.get("Região").map(String::as_str),
        Some("Nordeste")
    );
    assert_eq!(eng.custom.get("Budget").map(String::as_str), Some("1500"));
    assert_eq!(
        eng.tasks[0].custom.get("Wave").map(String::as_str),
        Some("2")
    );
}

#[test]
fn unknown_sheets_are_a_notice_and_nothing_more() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            engagements("book.xlsx", vec![eng_row("E1", "Contoso")]),
            table("book.xlsx", "Notes", &["anything"], vec![vec![s("x")]]),
        ],
    )]);
    let [notice] = loaded.problems.as_slice() else {
        panic!("{:#?}", loaded.problems)
    };
    assert_eq!(notice.severity, Severity::Notice);
    assert_eq!(notice.sheet.as_deref(), Some("Notes"));
    assert!(notice.message.en().contains("not in the contract"));
    assert!(loaded.engagements[0].valid);
}

#[test]
fn blank_rows_are_skipped() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            engagements(
                "book.xlsx",
                vec![eng_row("E1", "Contoso"), vec![s("  "), e(), s("\t"), e()]],
            ),
            table(
                "book.xlsx",
                "Actions",
                &["Engagement ID", "Action"],
                vec![vec![e(), s(" ")], vec![s("E1"), s("Call")]],
            ),
        ],
    )]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert_eq!(loaded.engagements.len(), 1);
    assert_eq!(loaded.engagements[0].actions.len(), 1);
}

#[test]
fn text_is_trimmed_and_number_cells_read_as_text() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![engagements(
            "book.xlsx",
            vec![vec![
                n(1001.0),
                s("  Contoso Ltd.\u{a0}"),
                s(" Alex "),
                s("2024-07-12"),
            ]],
        )],
    )]);
    let eng = &loaded.engagements[0];
    assert_eq!(eng.id, "1001");
    assert_eq!(eng.customer, "Contoso Ltd.");
    assert_eq!(eng.fm, "Alex");
}

// ---------------------------------------------------------------------------------------
// Linking rows to engagements

#[test]
fn a_single_engagement_needs_no_id_column_elsewhere() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            engagements("book.xlsx", vec![eng_row("E1", "Contoso")]),
            table(
                "book.xlsx",
                "Stakeholders",
                &["Name", "Role"],
                vec![vec![s("Megan"), s("Executive Sponsor")]],
            ),
            table(
                "book.xlsx",
                "Tasks",
                &["Task ID", "Task Name"],
                vec![vec![s("3734"), s("DAA BVD")]],
            ),
        ],
    )]);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    let eng = &loaded.engagements[0];
    assert_eq!(eng.stakeholders[0].name, "Megan");
    assert_eq!(eng.tasks[0].id, 3734);
}

#[test]
fn several_engagements_need_the_id_column() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            engagements(
                "book.xlsx",
                vec![eng_row("E1", "Contoso"), eng_row("E2", "Fabrikam")],
            ),
            table(
                "book.xlsx",
                "Stakeholders",
                &["Name"],
                vec![vec![s("Megan")]],
            ),
        ],
    )]);
    let err = only_error(&loaded);
    assert_eq!(err.sheet.as_deref(), Some("Stakeholders"));
    assert!(
        err.message
            .en()
            .contains("“Engagement ID” (pt-BR: “ID do Envolvimento”)"),
        "{}",
        err.message.en()
    );
    assert!(loaded.engagements.iter().all(|e| !e.valid));
}

#[test]
fn duplicate_ids_across_the_batch_name_both_places_and_neither_is_used() {
    let loaded = load(vec![
        source(
            "a.xlsx",
            vec![engagements(
                "a.xlsx",
                vec![eng_row("E1", "First"), eng_row("E2", "Other")],
            )],
        ),
        source(
            "b.xlsx",
            vec![engagements(
                "b.xlsx",
                vec![eng_row("E0", "x"), eng_row("E1", "Second")],
            )],
        ),
    ]);
    let dup: Vec<_> = loaded.engagements.iter().filter(|e| e.id == "E1").collect();
    assert_eq!(dup.len(), 1, "the duplicate appears once");
    assert!(!dup[0].valid);
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 2);
    assert_eq!((errs[0].file.as_str(), errs[0].row), ("a.xlsx", Some(2)));
    assert!(
        errs[0]
            .message
            .en()
            .contains("b.xlsx › Engagements › row 3"),
        "{}",
        errs[0].message.en()
    );
    assert_eq!((errs[1].file.as_str(), errs[1].row), ("b.xlsx", Some(3)));
    assert!(
        errs[1]
            .message
            .en()
            .contains("a.xlsx › Engagements › row 2"),
        "{}",
        errs[1].message.en()
    );
    assert!(errs.iter().all(|p| p.engagement.as_deref() == Some("E1")));
    assert!(loaded
        .engagements
        .iter()
        .filter(|e| e.id != "E1")
        .all(|e| e.valid));
}

#[test]
fn rows_naming_an_unknown_engagement_are_reported() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            engagements("book.xlsx", vec![eng_row("E1", "Contoso")]),
            table(
                "book.xlsx",
                "Actions",
                &["Engagement ID", "Action"],
                vec![vec![s("E1"), s("Call")], vec![s("E9"), s("Lost")]],
            ),
        ],
    )]);
    let err = only_error(&loaded);
    assert_eq!((err.sheet.as_deref(), err.row), (Some("Actions"), Some(3)));
    assert_eq!(err.column.as_deref(), Some("Engagement ID"));
    assert_eq!(err.value.as_deref(), Some("E9"));
    assert!(err.message.en().contains("no engagement with this ID"));
    assert!(loaded.engagements[0].valid, "E1 is not to blame");
    assert_eq!(loaded.engagements[0].actions.len(), 1);
}

#[test]
fn a_missing_required_column_is_one_error_naming_sheet_and_both_names() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            engagements("book.xlsx", vec![eng_row("E1", "Contoso")]),
            table(
                "book.xlsx",
                "Tarefas",
                &["ID do Envolvimento", "Nome da Tarefa"],
                vec![vec![s("E1"), s("a")], vec![s("E1"), s("b")]],
            ),
        ],
    )]);
    let err = only_error(&loaded);
    assert_eq!(err.sheet.as_deref(), Some("Tarefas"));
    assert_eq!(
        err.message.en(),
        "missing column “Task ID” (pt-BR: “ID da Tarefa”): the sheet's rows cannot be read"
    );
    assert_eq!(err.engagement.as_deref(), Some("E1"));
    assert!(!loaded.engagements[0].valid);
}

// ---------------------------------------------------------------------------------------
// Values

#[test]
fn dates_in_every_accepted_form() {
    let d = date(2019, 5, 8);
    for cell in [
        RawCell::Date(43593.0),
        RawCell::Date(43593.6),
        RawCell::IsoDate("2019-05-08T14:30:00".into()),
        s("2019-05-08"),
        s("08/05/2019"),
        s("8.5.2019"),
        s("8-5-2019"),
        s("08/05/2019 14:30"),
    ] {
        let loaded = one_with("Kickoff Date", cell.clone());
        assert!(
            loaded.problems.is_empty(),
            "{cell:?}: {:#?}",
            loaded.problems
        );
        assert_eq!(loaded.engagements[0].kickoff_date, Some(d), "{cell:?}");
    }
}

#[test]
fn bad_dates_name_the_value_and_the_expected_form() {
    for (value, says) in [
        ("31/02/2024", "no such day"),
        ("next week", "not a date"),
        ("2024/13/01", "no such day"),
    ] {
        let loaded = one_with("Kickoff Date", s(value));
        let err = only_error(&loaded);
        assert_eq!(err.value.as_deref(), Some(value));
        assert_eq!(err.column.as_deref(), Some("Kickoff Date"));
        assert_eq!(err.row, Some(2));
        assert!(err.message.en().contains(says), "{}", err.message.en());
        assert!(err
            .message
            .en()
            .contains("expected a date like 2024-07-12 or 12/07/2024"));
        assert!(!loaded.engagements[0].valid);
    }
}

#[test]
fn whole_numbers_in_every_accepted_form() {
    for cell in [
        n(20000.0),
        s("20000"),
        s("20,000"),
        s("20.000"),
        s("20 000"),
        s("20\u{a0}000"),
        s("20\u{202f}000"),
    ] {
        let loaded = one_with("Licenses", cell.clone());
        assert!(
            loaded.problems.is_empty(),
            "{cell:?}: {:#?}",
            loaded.problems
        );
        assert_eq!(loaded.engagements[0].licenses, Some(20000), "{cell:?}");
    }
}

#[test]
fn bad_whole_numbers() {
    for (cell, says) in [
        (n(2.5), "not a whole number"),
        (s("20.5"), "not a whole number"),
        (s("lots"), "not a whole number"),
        (s("-3"), "negative"),
        (n(-3.0), "negative"),
    ] {
        let loaded = one_with("Licenses", cell.clone());
        let err = only_error(&loaded);
        assert!(
            err.message.en().contains(says),
            "{cell:?}: {}",
            err.message.en()
        );
    }
}

#[test]
fn yes_no_in_both_languages() {
    for (cell, expected) in [
        (s("Yes"), true),
        (s("y"), true),
        (s("TRUE"), true),
        (s("1"), true),
        (s("Sim"), true),
        (s("s"), true),
        (s("x"), true),
        (RawCell::Bool(true), true),
        (n(1.0), true),
        (s("no"), false),
        (s("N"), false),
        (s("false"), false),
        (s("0"), false),
        (s("Não"), false),
        (s("nao"), false),
        (RawCell::Bool(false), false),
        (n(0.0), false),
    ] {
        let loaded = one_with("Benefício de Adoção Empresarial", cell.clone());
        assert!(
            loaded.problems.is_empty(),
            "{cell:?}: {:#?}",
            loaded.problems
        );
        assert_eq!(
            loaded.engagements[0].enterprise_adoption_benefit,
            Some(expected),
            "{cell:?}"
        );
    }
    let err_loaded = one_with("Enterprise Adoption Benefit", s("maybe"));
    assert!(only_error(&err_loaded)
        .message
        .en()
        .contains("expected yes or no"));
}

#[test]
fn segment_cadence_and_language_in_both_languages() {
    let ok = |header: &str, value: &str| {
        let loaded = one_with(header, s(value));
        assert!(
            loaded.problems.is_empty(),
            "{header} {value}: {:#?}",
            loaded.problems
        );
        loaded.engagements.into_iter().next().unwrap()
    };
    assert_eq!(
        ok("Segment", "enterprise").segment,
        Some(Segment::Enterprise)
    );
    assert_eq!(ok("Segmento", "SMC").segment, Some(Segment::Smc));
    assert_eq!(ok("Segment", "smb").segment, Some(Segment::Smb));
    assert_eq!(
        ok("Check-in Cadence", "Bi-weekly").cadence,
        Some(Cadence::Biweekly)
    );
    assert_eq!(
        ok("Cadência de Verificação", "mensal").cadence,
        Some(Cadence::Monthly)
    );
    assert_eq!(ok("Cadence", "semanal").cadence, Some(Cadence::Weekly));
    assert_eq!(ok("Language", "pt-br").language, Some(Lang::PtBr));
    assert_eq!(ok("Idioma", "Português").language, Some(Lang::PtBr));
    assert_eq!(ok("Language", "EN").language, Some(Lang::En));
    for (header, value, says) in [
        ("Segment", "Huge", "not a segment"),
        ("Check-in Cadence", "daily", "not a cadence"),
        ("Language", "fr", "not a language"),
    ] {
        let loaded = one_with(header, s(value));
        let err = only_error(&loaded);
        assert!(err.message.en().starts_with(says), "{}", err.message.en());
        assert_eq!(err.value.as_deref(), Some(value));
    }
}

#[test]
fn contact_emails_split_on_semicolons_and_commas() {
    let loaded = one_with(
        "Contact Email",
        s("a@contoso.com; Bea <b@contoso.com.br>, c@x.io"),
    );
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert_eq!(
        loaded.engagements[0].contact_emails,
        ["a@contoso.com", "b@contoso.com.br", "c@x.io"]
    );
    let loaded = one_with("Contact Email", s("a@contoso.com; broken@"));
    let err = only_error(&loaded);
    assert!(
        err.message
            .en()
            .contains("“broken@” is not an e-mail address"),
        "{}",
        err.message.en()
    );
}

fn services_row(cells: Vec<RawCell>) -> Loaded {
    load(vec![source(
        "book.xlsx",
        vec![
            engagements("book.xlsx", vec![eng_row("E1", "Contoso")]),
            table(
                "book.xlsx",
                "Services",
                &[
                    "Service",
                    "Stakeholders",
                    "Scenarios",
                    "Awareness",
                    "Training",
                ],
                vec![cells],
            ),
        ],
    )])
}

#[test]
fn ssat_statuses_in_both_languages_and_empty_is_not_started() {
    use FactorStatus::*;
    for (words, expected) in [
        (["Done", "yes", "Complete", "Sim"], [Done; 4]),
        (
            ["Concluído", "CONCLUIDO", "Em andamento", "In Progress"],
            [Done, Done, InProgress, InProgress],
        ),
        (
            ["Not started", "No", "Não", "Não iniciado"],
            [NotStarted; 4],
        ),
        (
            ["N/A", "n/d", "Não se aplica", ""],
            [NotApplicable, NotApplicable, NotApplicable, NotStarted],
        ),
    ] {
        let mut cells = vec![s("Teams")];
        cells.extend(words.iter().map(|w| s(w)));
        let loaded = services_row(cells);
        assert!(
            loaded.problems.is_empty(),
            "{words:?}: {:#?}",
            loaded.problems
        );
        let svc = &loaded.engagements[0].services[0];
        assert_eq!(
            [svc.stakeholders, svc.scenarios, svc.awareness, svc.training],
            expected,
            "{words:?}"
        );
    }
    let loaded = services_row(vec![s("Teams"), s("Maybe")]);
    let err = only_error(&loaded);
    assert_eq!(err.column.as_deref(), Some("Stakeholders"));
    assert!(err
        .message
        .en()
        .starts_with("not an SSAT status: expected Done, In progress"));
}

fn task_row(cells: Vec<RawCell>) -> Loaded {
    load(vec![source(
        "book.xlsx",
        vec![
            engagements("book.xlsx", vec![eng_row("E1", "Contoso")]),
            table(
                "book.xlsx",
                "Tasks",
                &["Task ID", "Task Name", "Required", "Status", "Due Date"],
                vec![cells],
            ),
        ],
    )])
}

#[test]
fn task_statuses_and_required_in_both_languages() {
    use WorkStatus::*;
    for (status, expected) in [
        ("Not started", NotStarted),
        ("Não iniciada", NotStarted),
        ("", NotStarted),
        ("In progress", InProgress),
        ("Em andamento", InProgress),
        ("Completed", Completed),
        ("Concluída", Completed),
        ("Blocked", Blocked),
        ("Bloqueada", Blocked),
        ("N/A", NotApplicable),
        ("N/D", NotApplicable),
    ] {
        let loaded = task_row(vec![s("3734"), s("BVD"), s("M"), s(status)]);
        assert!(
            loaded.problems.is_empty(),
            "{status}: {:#?}",
            loaded.problems
        );
        assert_eq!(loaded.engagements[0].tasks[0].status, expected, "{status}");
    }
    for (required, expected) in [
        ("M", Some(true)),
        ("Obrigatório", Some(true)),
        ("O", Some(false)),
        ("opcional", Some(false)),
        ("", None),
    ] {
        let loaded = task_row(vec![s("3734"), s("BVD"), s(required)]);
        assert!(
            loaded.problems.is_empty(),
            "{required}: {:#?}",
            loaded.problems
        );
        assert_eq!(
            loaded.engagements[0].tasks[0].mandatory, expected,
            "{required}"
        );
    }
    let loaded = task_row(vec![s("3734"), s("BVD"), s("Z"), s("Paused")]);
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 2);
    assert!(errs[0].message.en().starts_with("not M or O"));
    assert!(errs[1].message.en().starts_with("not a task status"));
    assert!(
        loaded.engagements[0].tasks.is_empty(),
        "a row with errors is not used"
    );
}

#[test]
fn required_values_left_empty_are_errors() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![engagements(
            "book.xlsx",
            vec![vec![s("E1"), e(), s("Alex"), e()]],
        )],
    )]);
    let errs = errors(&loaded);
    assert_eq!(errs.len(), 2, "{:#?}", loaded.problems);
    assert_eq!(
        errs[0].message.en(),
        "“Customer” (pt-BR: “Cliente”) is required but empty"
    );
    assert_eq!(errs[1].column.as_deref(), Some("Workshop Date"));
    assert!(errs.iter().all(|p| p.engagement.as_deref() == Some("E1")));
    assert!(!loaded.engagements[0].valid);
}

#[test]
fn error_cells_are_errors_in_required_columns_and_warnings_elsewhere() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![table(
            "book.xlsx",
            "Engagements",
            &[
                "Engagement ID",
                "Customer",
                "FastTrack Manager",
                "Workshop Date",
                "Partner",
                "Notes",
            ],
            vec![vec![
                s("E1"),
                RawCell::Error("#N/A".into()),
                s("Alex"),
                s("2024-07-12"),
                RawCell::Error("#REF!".into()),
                RawCell::Error("#DIV/0!".into()),
            ]],
        )],
    )]);
    let err = only_error(&loaded);
    assert_eq!(err.column.as_deref(), Some("Customer"));
    assert_eq!(err.value.as_deref(), Some("#N/A"));
    let warnings: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 2);
    assert_eq!(warnings[0].column.as_deref(), Some("Partner"));
    assert!(warnings[0].message.en().contains("taken as empty"));
    assert_eq!(loaded.engagements[0].partner, None);
    assert!(!loaded.engagements[0].custom.contains_key("Notes"));

    // An error cell only in optional columns leaves the engagement valid.
    let ok = one_with("Partner", RawCell::Error("#N/A".into()));
    assert!(errors(&ok).is_empty());
    assert!(ok.engagements[0].valid);
}

#[test]
fn one_bad_engagement_does_not_affect_the_others() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            engagements(
                "book.xlsx",
                vec![
                    eng_row("E1", "Good"),
                    vec![s("E2"), s("Bad"), s("Alex"), s("31/02/2024")],
                    eng_row("E3", "Also good"),
                ],
            ),
            table(
                "book.xlsx",
                "Tasks",
                &["Engagement ID", "Task ID", "Task Name", "Due Date"],
                vec![
                    vec![s("E1"), n(2536.0), s("Workshop"), s("2024-07-12")],
                    vec![s("E3"), s("x"), s("Broken")],
                ],
            ),
        ],
    )]);
    let valid: Vec<(&str, bool)> = loaded
        .engagements
        .iter()
        .map(|e| (e.id.as_str(), e.valid))
        .collect();
    assert_eq!(valid, [("E1", true), ("E2", false), ("E3", false)]);
    assert_eq!(loaded.problems_of("E2").count(), 1);
    assert_eq!(loaded.problems_of("E3").count(), 1);
    assert_eq!(loaded.problems_of("E1").count(), 0);
    assert_eq!(loaded.engagements[0].tasks.len(), 1);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![table(
            "book.xlsx",
            "Engagements",
            &[
                "Engagement ID",
                "Customer",
                "FastTrack Manager",
                "Workshop Date",
                "Licenses",
                "Segment",
                "Language",
            ],
            vec![vec![
                s("E1"),
                s("C"),
                s("F"),
                s("soon"),
                s("many"),
                s("Huge"),
                s("fr"),
            ]],
        )],
    )]);
    assert_eq!(errors(&loaded).len(), 4);
}

#[test]
fn reading_problems_come_first_and_are_kept() {
    let loaded = model::load(&InputSet {
        sources: vec![source(
            "b.xlsx",
            vec![engagements("b.xlsx", vec![eng_row("E1", "C")])],
        )],
        problems: vec![Problem::file(Severity::Error, "a.xlsx", "not a workbook")],
    });
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].file, "a.xlsx");
    assert!(loaded.engagements[0].valid);
}

// ---------------------------------------------------------------------------------------
// Twins: every input form gives one model.

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(path)
}

/// The engagements as JSON with where they came from left out (file names, sheet names
/// differ between forms by design; row numbers must not).
fn model_json(loaded: &Loaded) -> Value {
    let mut v = serde_json::to_value(&loaded.engagements).unwrap();
    fn scrub(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Object(origin)) = map.get_mut("origin") {
                    origin.remove("file");
                    origin.remove("sheet");
                }
                map.values_mut().for_each(scrub);
            }
            Value::Array(items) => items.iter_mut().for_each(scrub),
            _ => {}
        }
    }
    scrub(&mut v);
    v
}

#[test]
fn twins_give_one_identical_model() {
    let forms = [
        "twins/csv",
        "twins/book.xlsx",
        "twins/book.xlsm",
        "twins/book.xls",
        "twins/book.ods",
    ];
    let mut first: Option<Value> = None;
    for form in forms {
        let input = read_inputs(&[fixture(form)], &Limits::default());
        let loaded = model::load(&input);
        assert!(errors(&loaded).is_empty(), "{form}: {:#?}", loaded.problems);
        assert_eq!(loaded.engagements.len(), 1, "{form}");
        assert!(loaded.engagements[0].valid, "{form}");
        let json = model_json(&loaded);
        match &first {
            None => {
                insta::assert_json_snapshot!("twins_model", json);
                first = Some(json);
            }
            Some(expected) => assert_eq!(&json, expected, "{form} differs from {}", forms[0]),
        }
    }
}

#[test]
fn error_values_written_as_text_count_as_error_cells() {
    // Excel's CSV export and LibreOffice's ODS write `#N/A` as text.
    let loaded = load(vec![source(
        "csv",
        vec![engagements(
            "csv/engagements.csv",
            vec![vec![s("E1"), s("#N/A"), s("Alex"), s("2024-07-12")]],
        )],
    )]);
    let err = only_error(&loaded);
    assert_eq!(
        err.message.en(),
        "error cell #N/A: a value is required here"
    );
    let ok = one_with("Partner", s(" #ref! "));
    assert_eq!(ok.problems.len(), 1);
    assert_eq!(ok.problems[0].severity, Severity::Warning);
    assert_eq!(ok.engagements[0].partner, None);
}

// ---------------------------------------------------------------------------------------
// Names that look like the contract's

#[test]
fn a_header_like_a_missing_column_is_a_warning_naming_it() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            engagements("book.xlsx", vec![eng_row("E1", "Contoso")]),
            table(
                "book.xlsx",
                "Tasks",
                &["Task ID", "Task Name", "Staus", "Wave"],
                vec![vec![n(1.0), s("Kickoff"), s("Completed"), s("2")]],
            ),
        ],
    )]);
    let [warning] = loaded.problems.as_slice() else {
        panic!("{:#?}", loaded.problems)
    };
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        (
            warning.sheet.as_deref(),
            warning.row,
            warning.column.as_deref()
        ),
        (Some("Tasks"), Some(1), Some("Staus"))
    );
    assert!(
        warning.message.en().contains("did you mean “Status”"),
        "{}",
        warning.message.en()
    );
    assert!(warning
        .message
        .render(successkit::i18n::Lang::PtBr)
        .contains("você quis dizer “Status”"));
    // Kept as a custom field, as the contract says; the kit is still made.
    let eng = &loaded.engagements[0];
    assert!(eng.valid);
    assert_eq!(
        eng.tasks[0].custom.get("Staus").map(String::as_str),
        Some("Completed")
    );
}

#[test]
fn a_sheet_like_a_missing_table_is_a_warning_and_no_engagements_sheet_one_error() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            table(
                "book.xlsx",
                "Engagements 2024",
                ENG_HEADERS,
                vec![eng_row("E1", "Contoso")],
            ),
            table(
                "book.xlsx",
                "Actions",
                &["Engagement ID", "Action"],
                (0..25)
                    .map(|i| vec![s("E1"), s(&format!("Step {i}"))])
                    .collect(),
            ),
        ],
    )]);
    let [warning, error] = loaded.problems.as_slice() else {
        panic!("{:#?}", loaded.problems)
    };
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.sheet.as_deref(), Some("Engagements 2024"));
    assert!(warning.message.en().contains("did you mean “Engagements”"));
    // One error, not one for each of the 25 actions.
    assert!(error.is_error());
    assert!(
        error.message.en().starts_with("no “Engagements”"),
        "{}",
        error.message.en()
    );
    assert!(loaded.engagements.is_empty());
}

#[test]
fn an_unknown_engagement_id_names_the_one_it_most_likely_meant() {
    let loaded = load(vec![source(
        "book.xlsx",
        vec![
            engagements(
                "book.xlsx",
                vec![eng_row("ENG-1001", "Contoso"), eng_row("BR-2002", "Itaú")],
            ),
            table(
                "book.xlsx",
                "Actions",
                &["Engagement ID", "Action"],
                vec![
                    vec![s("ENG-101"), s("Call")],
                    vec![s("XYZ"), s("Lost")],
                    vec![s("ENG-101"), s("Again")],
                ],
            ),
        ],
    )]);
    let errs = errors(&loaded);
    let messages: Vec<String> = errs.iter().map(|p| p.message.en()).collect();
    assert_eq!(
        messages,
        [
            "no engagement with this ID in any Engagements sheet: did you mean ENG-1001?",
            "no engagement with this ID in any Engagements sheet",
            "no engagement with this ID in any Engagements sheet: did you mean ENG-1001?",
        ]
    );
}

#[test]
fn a_date_typed_month_first_says_how_it_is_read() {
    let loaded = one_with("Next Check-in", s("07/13/2024"));
    let err = only_error(&loaded);
    assert_eq!(
        err.message.en(),
        "dates are read day first (dd/mm/yyyy), and this one has no such month: if it was typed month first, write 2024-07-13 (or dd/mm/yyyy)"
    );
}
