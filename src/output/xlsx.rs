//! XLSX writer for the portfolio report (rust_xlsxwriter): typed cells, filters, frozen
//! headers, a per-FM sheet with native bar charts, and a sheet of failed engagements.
//!
//! Every text from the data goes through `write_string`, which stores a string cell and
//! never a formula, so a customer called `=HYPERLINK(…)` stays a name (CSV/formula
//! injection). Nothing here writes a formula at all.

use crate::i18n::Lang;
use crate::problem::Problem;
use crate::view::portfolio::{segment_name, Portfolio, ReportLabels as Labels, Rollup, Row};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartSolidFill, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError as LibError,
};

/// Why the report workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("could not write the portfolio workbook: {0}")]
pub struct XlsxError(#[from] LibError);

/// Excel's longest cell text, in characters.
const MAX_CELL_CHARS: usize = 32_767;

struct Formats {
    header: Format,
    text: Format,
    int: Format,
    date: Format,
    pct: Format,
    total_label: Format,
    total_int: Format,
    total_pct: Format,
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        let date = match lang {
            Lang::En => "yyyy-mm-dd",
            Lang::PtBr => "dd/mm/yyyy",
        };
        let header = Format::new()
            .set_bold()
            .set_font_color("#FFFFFF")
            .set_background_color("#1F4E79")
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border_bottom(FormatBorder::Thin);
        let total = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        Formats {
            header,
            text: Format::new().set_align(FormatAlign::Top),
            int: Format::new().set_num_format("#,##0"),
            date: Format::new().set_num_format(date),
            pct: Format::new().set_num_format("0%"),
            total_label: total.clone(),
            total_int: total.clone().set_num_format("#,##0"),
            total_pct: total.set_num_format("0%"),
        }
    }
}

/// Writes the portfolio report workbook. `date` is the document date written to the
/// workbook's properties, so the same report gives the same bytes.
pub fn write(
    portfolio: &Portfolio,
    labels: &Labels,
    lang: Lang,
    date: NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new(lang);
    let mut wb = Workbook::new();
    let created = excel_date(date).unwrap_or(ExcelDateTime::from_ymd(2000, 1, 1)?);
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} {}", labels.title, date.format("%Y-%m-%d")))
            .set_author(&labels.author)
            .set_creation_datetime(&created)
            // How the readers know this workbook for an output: given back as an input
            // (`-o` the input folder) it is skipped, never read as engagements.
            .set_custom_property(crate::input::REPORT_MARK.0, crate::input::REPORT_MARK.1),
    );

    let sheet = wb.add_worksheet();
    sheet.set_name(&labels.sheet_engagements)?;
    engagements_sheet(sheet, portfolio, labels, &f)?;

    let sheet = wb.add_worksheet();
    sheet.set_name(&labels.sheet_by_fm)?;
    by_fm_sheet(sheet, portfolio, labels, &f)?;

    let sheet = wb.add_worksheet();
    sheet.set_name(&labels.sheet_failed)?;
    failed_sheet(sheet, portfolio, labels, lang, &f)?;

    Ok(wb.save_to_buffer()?)
}

fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// Text cell, capped at Excel's limit; never a formula.
fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, format: &Format) -> Result<(), LibError> {
    let capped: std::borrow::Cow<'_, str> = if s.chars().count() > MAX_CELL_CHARS {
        s.chars().take(MAX_CELL_CHARS).collect::<String>().into()
    } else {
        s.into()
    };
    ws.write_string_with_format(row, col, capped.as_ref(), format)?;
    Ok(())
}

fn date_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Option<NaiveDate>,
    f: &Formats,
) -> Result<(), LibError> {
    if let Some(d) = d {
        match excel_date(d) {
            Some(x) => {
                ws.write_datetime_with_format(row, col, &x, &f.date)?;
            }
            None => text(ws, row, col, &d.to_string(), &f.text)?,
        }
    }
    Ok(())
}

fn pct_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<f32>,
    format: &Format,
) -> Result<(), LibError> {
    if let Some(v) = v {
        // Rounded so the stored value is what the percentage shows, not float noise.
        let v = (f64::from(v) * 10_000.0).round() / 10_000.0;
        ws.write_number_with_format(row, col, v, format)?;
    }
    Ok(())
}

fn headers(ws: &mut Worksheet, cols: &[(&str, f64)], f: &Formats) -> Result<(), LibError> {
    for (i, (name, width)) in cols.iter().enumerate() {
        let c = i as u16;
        ws.write_string_with_format(0, c, *name, &f.header)?;
        ws.set_column_width(c, *width)?;
    }
    ws.set_row_height(0, 30)?;
    Ok(())
}

/// Prints landscape, one page wide, with the header row on every page.
fn printable(ws: &mut Worksheet) -> Result<(), LibError> {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The columns both sheets share, in order: the four factors, overall readiness, open
/// mandatory tasks and overdue actions, with their widths.
fn readiness_cols(l: &Labels) -> [(&str, f64); 7] {
    [
        (&l.stakeholders, 12.0),
        (&l.scenarios, 12.0),
        (&l.awareness, 13.0),
        (&l.training, 12.0),
        (&l.overall, 10.0),
        (&l.mandatory_open, 12.0),
        (&l.overdue_actions, 10.0),
    ]
}

fn engagements_sheet(
    ws: &mut Worksheet,
    p: &Portfolio,
    l: &Labels,
    f: &Formats,
) -> Result<(), LibError> {
    let cols: Vec<(&str, f64)> = [
        (l.id.as_str(), 14.0),
        (&l.customer, 30.0),
        (&l.fm, 22.0),
        (&l.segment, 11.0),
        (&l.licenses, 11.0),
        (&l.workshop_date, 12.0),
    ]
    .into_iter()
    .chain(readiness_cols(l))
    .chain([
        (l.next_checkin.as_str(), 12.0),
        (&l.enhanced_eligible, 11.0),
    ])
    .collect();
    headers(ws, &cols, f)?;
    for (i, r) in p.rows.iter().enumerate() {
        row(ws, i as u32 + 1, r, l, f)?;
    }
    let last = p.rows.len() as u32;
    ws.autofilter(0, 0, last.max(1), cols.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 2)?;
    printable(ws)?;
    Ok(())
}

fn row(ws: &mut Worksheet, n: u32, r: &Row, l: &Labels, f: &Formats) -> Result<(), LibError> {
    text(ws, n, 0, &r.id, &f.text)?;
    text(ws, n, 1, &r.customer, &f.text)?;
    text(ws, n, 2, &r.fm, &f.text)?;
    if let Some(s) = r.segment {
        text(ws, n, 3, segment_name(s), &f.text)?;
    }
    if let Some(l) = r.licenses {
        ws.write_number_with_format(n, 4, l as f64, &f.int)?;
    }
    date_cell(ws, n, 5, Some(r.workshop_date), f)?;
    for (i, v) in r.factors.iter().enumerate() {
        pct_cell(ws, n, 6 + i as u16, *v, &f.pct)?;
    }
    pct_cell(ws, n, 10, r.overall, &f.pct)?;
    ws.write_number_with_format(n, 11, r.mandatory_open as f64, &f.int)?;
    ws.write_number_with_format(n, 12, r.overdue_actions as f64, &f.int)?;
    match r.next_checkin {
        Some(_) => date_cell(ws, n, 13, r.next_checkin, f)?,
        // A manager filters on this column: say so rather than leave a blank.
        None => text(ws, n, 13, &l.to_be_scheduled, &f.text)?,
    }
    // Yes/No reads better than TRUE/FALSE, and a filter on it still works.
    let eligible = if r.enhanced_eligible { &l.yes } else { &l.no };
    text(ws, n, 14, eligible, &f.text)?;
    Ok(())
}

/// Columns 1 to 10 of a per-FM or total line: engagements, then the roll-up's figures.
fn rollup_cells(
    ws: &mut Worksheet,
    n: u32,
    engagements: u64,
    r: &Rollup,
    int: &Format,
    pct: &Format,
) -> Result<(), LibError> {
    ws.write_number_with_format(n, 1, engagements as f64, int)?;
    ws.write_number_with_format(n, 2, r.licenses as f64, int)?;
    for (k, v) in r.factors.iter().enumerate() {
        pct_cell(ws, n, 3 + k as u16, *v, pct)?;
    }
    pct_cell(ws, n, 7, r.overall, pct)?;
    ws.write_number_with_format(n, 8, r.mandatory_open as f64, int)?;
    ws.write_number_with_format(n, 9, r.overdue_actions as f64, int)?;
    ws.write_number_with_format(n, 10, r.enhanced_eligible as f64, int)?;
    Ok(())
}

fn by_fm_sheet(ws: &mut Worksheet, p: &Portfolio, l: &Labels, f: &Formats) -> Result<(), LibError> {
    let cols: Vec<(&str, f64)> = [
        (l.fm.as_str(), 26.0),
        (&l.engagements, 13.0),
        (&l.licenses, 12.0),
    ]
    .into_iter()
    .chain(readiness_cols(l))
    .chain([(l.enhanced_eligible.as_str(), 11.0)])
    .collect();
    headers(ws, &cols, f)?;
    for (i, g) in p.by_fm.iter().enumerate() {
        let n = i as u32 + 1;
        text(ws, n, 0, &g.fm, &f.text)?;
        rollup_cells(ws, n, g.engagements, &g.rollup, &f.int, &f.pct)?;
    }
    let last_fm = p.by_fm.len() as u32;
    let total = last_fm + 1;
    let t = &p.totals;
    ws.write_string_with_format(total, 0, &l.totals, &f.total_label)?;
    rollup_cells(ws, total, t.ready, &t.rollup, &f.total_int, &f.total_pct)?;
    ws.autofilter(0, 0, last_fm.max(1), cols.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 1)?;
    printable(ws)?;

    let name = ws.name();
    // Readiness of the whole portfolio, factor by factor, from the total row.
    let mut by_factor = Chart::new_bar();
    by_factor
        .add_series()
        .set_name(l.readiness.as_str())
        .set_categories((name.as_str(), 0, 3, 0, 7))
        .set_values((name.as_str(), total, 3, total, 7))
        .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(ACCENT)));
    by_factor.title().set_name(l.chart_by_factor.as_str());
    by_factor
        .x_axis()
        .set_min(0)
        .set_max(1)
        .set_num_format("0%");
    by_factor.y_axis().set_reverse();
    by_factor.legend().set_hidden();
    ws.insert_chart(total + 2, 0, &by_factor)?;

    if !p.by_fm.is_empty() {
        let mut by_fm = Chart::new_bar();
        by_fm
            .add_series()
            .set_name(l.overall.as_str())
            .set_categories((name.as_str(), 1, 0, last_fm, 0))
            .set_values((name.as_str(), 1, 7, last_fm, 7))
            .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(ACCENT)));
        by_fm.title().set_name(l.chart_by_fm.as_str());
        by_fm.x_axis().set_min(0).set_max(1).set_num_format("0%");
        by_fm.y_axis().set_reverse();
        by_fm.legend().set_position(ChartLegendPosition::Bottom);
        by_fm.legend().set_hidden();
        // Tall enough for every FM's bar to keep its label.
        let height = (120 + 22 * p.by_fm.len()).min(4000) as u32;
        by_fm.set_height(height);
        ws.insert_chart(total + 2, 5, &by_fm)?;
    }
    Ok(())
}

/// The bars' colour: the theme's default accent, as the PDF draws them.
const ACCENT: &str = "#1F4E79";

fn failed_sheet(
    ws: &mut Worksheet,
    p: &Portfolio,
    l: &Labels,
    lang: Lang,
    f: &Formats,
) -> Result<(), LibError> {
    let cols = [
        (l.id.as_str(), 14.0),
        (&l.customer, 26.0),
        (&l.severity, 10.0),
        (&l.file, 24.0),
        (&l.sheet, 14.0),
        (&l.row, 7.0),
        (&l.column, 18.0),
        (&l.value, 18.0),
        (&l.message, 60.0),
    ];
    headers(ws, &cols, f)?;
    let mut n = 0u32;
    let mut put = |ws: &mut Worksheet, id: &str, customer: &str, pr: Option<&Problem>| {
        n += 1;
        text(ws, n, 0, id, &f.text)?;
        text(ws, n, 1, customer, &f.text)?;
        if let Some(pr) = pr {
            text(ws, n, 2, pr.severity.word(lang), &f.text)?;
            text(ws, n, 3, &pr.file, &f.text)?;
            if let Some(s) = &pr.sheet {
                text(ws, n, 4, s, &f.text)?;
            }
            if let Some(r) = pr.row {
                ws.write_number(n, 5, r as f64)?;
            }
            if let Some(c) = &pr.column {
                text(ws, n, 6, c, &f.text)?;
            }
            if let Some(v) = &pr.value {
                text(ws, n, 7, v, &f.text)?;
            }
            text(ws, n, 8, &pr.message.render(lang), &f.text)?;
        }
        Ok::<(), LibError>(())
    };
    for x in &p.failed {
        if x.problems.is_empty() {
            put(ws, &x.id, &x.customer, None)?;
        }
        for pr in &x.problems {
            put(ws, &x.id, &x.customer, Some(pr))?;
        }
    }
    for pr in &p.other_problems {
        put(ws, "", "", Some(pr))?;
    }
    ws.autofilter(0, 0, n.max(1), cols.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;
    printable(ws)?;
    Ok(())
}
