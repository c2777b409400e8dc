//! The starter workbook `successkit init` writes: the contract's sheets and headers in one
//! language, drop-downs on every keyword column, frozen bold headers, sensible widths and
//! one example engagement that `check` accepts.
//!
//! Sheet and header names come from [`crate::names`], the same tables `check`
//! matches against, so the two cannot drift apart.

use crate::i18n::Lang;
use crate::names::TableKind;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatBorder, Workbook, XlsxError,
};

/// The file name `init` writes in a language.
pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "engagements.xlsx",
        Lang::PtBr => "envolvimentos.xlsx",
    }
}

/// A starter workbook could not be made (a bug, not a user error).
#[derive(Debug, thiserror::Error)]
#[error("could not build the starter workbook: {0}")]
pub struct StarterError(#[from] XlsxError);

/// One example cell.
#[derive(Debug, Clone, Copy)]
enum Cell {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
    Blank,
}

use Cell::{Blank, Date, Number, Text};

/// What the drop-down of a column offers.
#[derive(Debug, Clone, Copy)]
enum Choice {
    Factor,
    Work,
    YesNo,
    Segment,
    Cadence,
    Language,
    Required,
}

impl Choice {
    fn of(kind: TableKind, en: &str) -> Option<Choice> {
        Some(match (kind, en) {
            (TableKind::Services, "Stakeholders" | "Scenarios" | "Awareness" | "Training") => {
                Choice::Factor
            }
            (TableKind::Tasks | TableKind::Actions, "Status") => Choice::Work,
            (TableKind::Tasks, "Required") => Choice::Required,
            (TableKind::Engagements, "Enterprise Adoption Benefit") => Choice::YesNo,
            (TableKind::Engagements, "Segment") => Choice::Segment,
            (TableKind::Engagements, "Check-in Cadence") => Choice::Cadence,
            (TableKind::Engagements, "Language") => Choice::Language,
            _ => return None,
        })
    }

    fn values(self, lang: Lang) -> &'static [&'static str] {
        let pt = lang == Lang::PtBr;
        match self {
            Choice::Factor if pt => &["Concluído", "Em andamento", "Não iniciado", "N/D"],
            Choice::Factor => &["Done", "In progress", "Not started", "N/A"],
            Choice::Work if pt => &[
                "Não iniciada",
                "Em andamento",
                "Concluída",
                "Bloqueada",
                "N/D",
            ],
            Choice::Work => &["Not started", "In progress", "Completed", "Blocked", "N/A"],
            Choice::YesNo if pt => &["Sim", "Não"],
            Choice::YesNo => &["Yes", "No"],
            Choice::Segment => &["Enterprise", "SMC", "SMB"],
            Choice::Cadence if pt => &["semanal", "quinzenal", "mensal"],
            Choice::Cadence => &["weekly", "biweekly", "monthly"],
            Choice::Language => &["en", "pt-BR"],
            Choice::Required => &["M", "O"],
        }
    }
}

/// The example engagement's rows for one table, cells in contract column order.
fn example(kind: TableKind, lang: Lang) -> Vec<Vec<Cell>> {
    let id = Text("ENG-0001");
    match (kind, lang) {
        (TableKind::Engagements, Lang::En) => vec![vec![
            id,
            Text("Contoso Ltd."),
            Text("contoso.onmicrosoft.com"),
            Text("Enterprise"),
            Number(25000.0),
            Text("Alex Wilber"),
            Text("alex.wilber@fasttrack.example.com"),
            Text("Fabrikam Consulting"),
            Text("Megan Bowen"),
            Text("megan.bowen@contoso.example.com"),
            Date(2024, 7, 1),
            Date(2024, 7, 12),
            Text("en"),
            Text("biweekly"),
            Date(2024, 7, 26),
            Text("Microsoft Teams"),
            Text("Yes"),
            Text("Contoso works as one company across its sites: decisions in hours, not days, on secure managed devices."),
        ]],
        (TableKind::Engagements, Lang::PtBr) => vec![vec![
            id,
            Text("Grupo Itaú Têxtil Ltda."),
            Text("itautextil.onmicrosoft.com"),
            Text("Enterprise"),
            Number(1500.0),
            Text("Cecília Romão"),
            Text("cecilia.romao@fasttrack.example.com"),
            Text("Consultoria Evolução"),
            Text("Tânia Correia"),
            Text("tania.correia@itautextil.example.com"),
            Date(2024, 7, 1),
            Date(2024, 7, 12),
            Text("pt-BR"),
            Text("mensal"),
            Date(2024, 8, 11),
            Text("Reunião semanal no Teams"),
            Text("Sim"),
            Text("Transformar a colaboração entre as unidades, reduzindo deslocamentos e acelerando a tomada de decisão."),
        ]],
        (TableKind::Services, Lang::En) => vec![
            vec![id, Text("Microsoft Teams"), Text("Done"), Text("In progress"), Text("Not started"), Text("Not started"), Text("Pilot with the Lisbon office first.")],
            vec![id, Text("OneDrive for Business"), Text("Done"), Text("Done"), Text("In progress"), Text("In progress"), Blank],
            vec![id, Text("Exchange Online"), Text("Done"), Text("N/A"), Text("Done"), Text("Done"), Text("Migrated in 2023.")],
        ],
        (TableKind::Services, Lang::PtBr) => vec![
            vec![id, Text("Microsoft Teams"), Text("Concluído"), Text("Não iniciado"), Text("Em andamento"), Text("Concluído"), Text("Treinamento presencial em São Paulo e Belém.")],
            vec![id, Text("OneDrive for Business"), Text("Concluído"), Text("Não iniciado"), Text("Em andamento"), Text("Em andamento"), Blank],
            vec![id, Text("Intune"), Text("Em andamento"), Text("Não iniciado"), Text("Em andamento"), Text("Concluído"), Text("Campanha de conscientização prevista para o próximo trimestre.")],
        ],
        (TableKind::Stakeholders, Lang::En) => vec![
            vec![id, Text("Megan Bowen"), Text("Executive Sponsor"), Text("megan.bowen@contoso.example.com"), Text("Approves budget and promotes the vision.")],
            vec![id, Text("Lee Gu"), Text("Success Owner"), Text("lee.gu@contoso.example.com"), Text("Runs the plan and reports progress.")],
        ],
        (TableKind::Stakeholders, Lang::PtBr) => vec![
            vec![id, Text("Vinícius Conceição"), Text("Patrocinador Executivo"), Text("vinicius.conceicao@itautextil.example.com"), Text("Aprova o orçamento e promove a visão de sucesso junto à diretoria.")],
            vec![id, Text("José Gusmão"), Text("Responsável pelo Sucesso"), Text("jose.gusmao@itautextil.example.com"), Text("Coordena o plano, acompanha as métricas e remove impedimentos.")],
        ],
        (TableKind::Metrics, Lang::En) => vec![vec![
            id, Text("Microsoft Teams"), Text("Meetings without travel"), Text("Monthly active Teams users"),
            Number(1200.0), Number(20000.0), Date(2024, 12, 31), Text("Lee Gu"), Text("Microsoft 365 usage report"),
        ]],
        (TableKind::Metrics, Lang::PtBr) => vec![vec![
            id, Text("Microsoft Teams"), Text("Reuniões sem deslocamento"), Text("Usuários ativos mensais do Teams"),
            Number(300.0), Number(1200.0), Date(2024, 12, 31), Text("José Gusmão"), Text("Relatório de uso do Microsoft 365"),
        ]],
        (TableKind::Tasks, _) => tasks(lang),
        (TableKind::Actions, Lang::En) => vec![
            vec![id, Text("Share the Success Plan with the sponsor"), Text("Alex Wilber"), Date(2024, 7, 19), Text("Completed")],
            vec![id, Text("Schedule Teams champion training"), Text("Lee Gu"), Date(2024, 8, 15), Text("Not started")],
        ],
        (TableKind::Actions, Lang::PtBr) => vec![
            vec![id, Text("Enviar o Plano de Sucesso ao patrocinador"), Text("Cecília Romão"), Date(2024, 7, 19), Text("Concluída")],
            vec![id, Text("Agendar o treinamento dos campeões do Teams"), Text("José Gusmão"), Date(2024, 8, 15), Text("Não iniciada")],
        ],
    }
}

fn tasks(lang: Lang) -> Vec<Vec<Cell>> {
    let pt = lang == Lang::PtBr;
    let role = Text(if pt {
        "Gerente FastTrack (FM)"
    } else {
        "FastTrack Manager (FM)"
    });
    let done = Text(if pt { "Concluída" } else { "Completed" });
    let open = Text(if pt { "Não iniciada" } else { "Not started" });
    let going = Text(if pt { "Em andamento" } else { "In progress" });
    let owner = Text(if pt { "Cecília Romão" } else { "Alex Wilber" });
    let rows: [(f64, &'static str, &'static str, Cell, Cell, Cell); 6] = if pt {
        [
            (3734.0, "Office ProPlus/Windows - Fornecer Garantia de Aplicativo (DAA) BVD", "Office ProPlus / Windows 10", done, Date(2024, 7, 15), Date(2024, 7, 12)),
            (3278.0, "Outlook Mobile - Fornecer Apresentação (Anexação de ExO e anexão de proteção de dados EMS)", "Outlook Mobile/AADP/Exchange/Intune", going, Date(2024, 7, 26), Blank),
            (3718.0, "OneDrive - Fornecer Apresentação de Valor de Negócios do OneDrive", "OneDrive for Business", open, Date(2024, 8, 9), Blank),
            (3737.0, "Workshop de Valor de Negócios do SharePoint Online", "SharePoint", open, Date(2024, 8, 16), Blank),
            (3738.0, "Office 365 ProPlus - Fornecer Apresentação", "Office ProPlus", open, Date(2024, 8, 23), Blank),
            (2536.0, "Workshop para Conduzir o Sucesso", "Todos os Serviços", done, Date(2024, 7, 12), Date(2024, 7, 12)),
        ]
    } else {
        [
            (
                3734.0,
                "Office ProPlus/Windows - Deliver Desktop App Assurance (DAA) BVD",
                "Office ProPlus / Windows 10",
                done,
                Date(2024, 7, 15),
                Date(2024, 7, 12),
            ),
            (
                3278.0,
                "Outlook Mobile - Deliver presentation (ExO attach and EMS data protection attach)",
                "Outlook Mobile/AADP/Exchange/Intune",
                going,
                Date(2024, 7, 26),
                Blank,
            ),
            (
                3718.0,
                "OneDrive - Deliver the OneDrive Business Value presentation",
                "OneDrive for Business",
                open,
                Date(2024, 8, 9),
                Blank,
            ),
            (
                3737.0,
                "SharePoint Online Business Value Workshop",
                "SharePoint",
                open,
                Date(2024, 8, 16),
                Blank,
            ),
            (
                3738.0,
                "Office 365 ProPlus - Deliver presentation",
                "Office ProPlus",
                open,
                Date(2024, 8, 23),
                Blank,
            ),
            (
                2536.0,
                "Workshop to Drive Success",
                "All Services",
                done,
                Date(2024, 7, 12),
                Date(2024, 7, 12),
            ),
        ]
    };
    rows.into_iter()
        .map(|(task, name, services, status, due, completed)| {
            vec![
                Text("ENG-0001"),
                Number(task),
                Text(name),
                Text("M"),
                role,
                Text(services),
                status,
                owner,
                due,
                completed,
            ]
        })
        .collect()
}

/// Room for what users type in the free-text columns, beyond the example's length.
fn min_width(en: &str) -> usize {
    match en {
        "Customer" | "Task Name" | "Action" | "Scenario" | "Metric" => 30,
        "Notes" | "Responsibility" | "Success Vision" => 40,
        "Service" | "Services" | "Name" | "Owner" | "Role" => 20,
        _ => 0,
    }
}

fn is_date_column(en: &str) -> bool {
    en.ends_with("Date") || en == "Next Check-in"
}

/// Builds the starter workbook in a language. `created` is the document's creation time
/// (from `SOURCE_DATE_EPOCH`, so the bytes are reproducible).
pub fn workbook(lang: Lang, created: NaiveDate) -> Result<Vec<u8>, StarterError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(created.year()).unwrap_or(2024),
        created.month() as u8,
        created.day() as u8,
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_title(match lang {
                Lang::En => "successkit engagement data",
                Lang::PtBr => "Dados de envolvimento do successkit",
            })
            .set_author("successkit")
            .set_creation_datetime(&created),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x1F3864))
        .set_font_color(Color::White)
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let date_format = Format::new().set_num_format(match lang {
        Lang::En => "yyyy-mm-dd",
        Lang::PtBr => "dd/mm/yyyy",
    });
    let wrap = Format::new().set_text_wrap();
    const LAST_ROW: u32 = 1000;

    for kind in TableKind::ALL {
        let sheet = book.add_worksheet();
        sheet.set_name(kind.name(lang))?;
        sheet.set_freeze_panes(1, 0)?;
        // Printed, a sheet is one page wide with its header on every page.
        sheet.set_landscape().set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(0, 0)?;
        sheet.set_row_height(0, 30)?;
        let rows = example(kind, lang);
        let mut wrapped = Vec::new();
        for (c, spec) in kind.columns().iter().enumerate() {
            let col = c as u16;
            let name = spec.name(lang);
            sheet.write_string_with_format(0, col, name, &header)?;
            let longest = rows
                .iter()
                .filter_map(|r| match r.get(c) {
                    Some(Text(t)) => Some(t.chars().count()),
                    Some(Number(_)) => Some(8),
                    Some(Date(..)) => Some(10),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            let width = (longest + 2)
                .max(name.chars().count() + 2)
                .max(min_width(spec.en))
                .clamp(10, 50);
            if longest + 2 > width {
                sheet.set_column_format(col, &wrap)?;
                wrapped.push((col, width));
            }
            if is_date_column(spec.en) {
                sheet.set_column_format(col, &date_format)?;
            }
            sheet.set_column_width(col, width as f64)?;
            if let Some(choice) = Choice::of(kind, spec.en) {
                let prompt = match lang {
                    Lang::En => "Pick from the list; other accepted spellings work too.",
                    Lang::PtBr => "Escolha da lista; outras grafias aceitas também valem.",
                };
                let validation = DataValidation::new()
                    .allow_list_strings(choice.values(lang))?
                    .set_error_style(DataValidationErrorStyle::Warning)
                    .set_input_message(prompt)?;
                sheet.add_data_validation(1, col, LAST_ROW, col, &validation)?;
            }
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            // Spreadsheet apps do not grow a row for wrapped text they did not wrap
            // themselves; give such rows the lines they need.
            let lines = wrapped
                .iter()
                .filter_map(|(c, width)| match row.get(usize::from(*c)) {
                    Some(Text(t)) => {
                        Some(t.chars().count().div_ceil(width.saturating_sub(2).max(1)))
                    }
                    _ => None,
                })
                .max()
                .unwrap_or(1);
            if lines > 1 {
                sheet.set_row_height(r, 15.0 * lines as f64)?;
            }
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match *cell {
                    Text(t) if wrapped.iter().any(|(w, _)| *w == c) => {
                        sheet.write_string_with_format(r, c, t, &wrap)?;
                    }
                    Text(t) => {
                        sheet.write_string(r, c, t)?;
                    }
                    Number(n) => {
                        sheet.write_number(r, c, n)?;
                    }
                    Date(y, m, d) => {
                        sheet.write_date_with_format(
                            r,
                            c,
                            &ExcelDateTime::from_ymd(y, m, d)?,
                            &date_format,
                        )?;
                    }
                    Blank => {}
                }
            }
        }
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_row_has_one_cell_per_column() {
        for lang in [Lang::En, Lang::PtBr] {
            for kind in TableKind::ALL {
                for row in example(kind, lang) {
                    assert_eq!(row.len(), kind.columns().len(), "{kind:?} {lang:?}");
                }
            }
        }
    }

    #[test]
    fn same_bytes_every_time() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let a = workbook(Lang::PtBr, day).unwrap();
        let b = workbook(Lang::PtBr, day).unwrap();
        assert_eq!(a, b);
    }
}
