//! One row being read: cells by their sheet's column enum, values parsed with their
//! problems recorded at the row's place.

use super::{Found, Matched};
use crate::i18n::{Keyword, Message};
use crate::input::{RawCell, RawRow};
use crate::model::names::Column;
use crate::model::{values, Amount, CustomFields, Origin};
use crate::problem::{Problem, Severity};
use chrono::NaiveDate;
use std::marker::PhantomData;

/// One row being read: its table and place, the engagement it belongs to once known,
/// and the problems found so far. `C` is the table's column enum once known
/// ([`RowCtx::columns`]): cells are read by a `C`, so a column of another sheet does not
/// compile either.
pub(super) struct RowCtx<'a, 'f, C = ()> {
    pub(super) table: &'a Matched<'a>,
    pub(super) row: &'a RawRow,
    pub(super) engagement: Option<String>,
    pub(super) found: &'f mut Found,
    pub(super) errors: usize,
    pub(super) columns: PhantomData<C>,
}

impl<'a, 'f> RowCtx<'a, 'f> {
    pub(super) fn new(table: &'a Matched<'a>, row: &'a RawRow, found: &'f mut Found) -> Self {
        RowCtx {
            table,
            row,
            engagement: None,
            found,
            errors: 0,
            columns: PhantomData,
        }
    }
}

impl<'a, 'f, C> RowCtx<'a, 'f, C> {
    /// This row read by the columns of its table, `D`.
    pub(super) fn columns<D: Column>(self) -> RowCtx<'a, 'f, D> {
        debug_assert_eq!(
            D::TABLE,
            self.table.kind,
            "a row read with another sheet's columns"
        );
        RowCtx {
            table: self.table,
            row: self.row,
            engagement: self.engagement,
            found: self.found,
            errors: self.errors,
            columns: PhantomData,
        }
    }

    pub(super) fn report(
        &mut self,
        severity: Severity,
        index: Option<usize>,
        value: Option<String>,
        message: Message,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        let raw = self.table.raw;
        let column = index.and_then(|i| raw.headers.get(i)).cloned();
        self.found.push(
            (self.table.source, self.table.order, self.row.number),
            Problem {
                severity,
                file: raw.file.clone(),
                sheet: Some(raw.sheet.clone()),
                row: Some(self.row.number),
                column,
                value,
                message,
                engagement: self.engagement.clone(),
            },
        );
    }

    /// The Engagement ID of a row of any table (the first column of each).
    pub(super) fn id_text(&mut self) -> Option<String> {
        let index = self.table.map.id_index()?;
        let cell = self.row.cells.get(index)?;
        match values::error_code(cell) {
            None => values::cell_text(cell),
            Some(e) => {
                let e = e.to_string();
                self.report(
                    Severity::Warning,
                    Some(index),
                    Some(e.clone()),
                    Message::ErrorCellIgnored(e),
                );
                None
            }
        }
    }

    pub(super) fn custom(&mut self) -> CustomFields {
        let mut fields = CustomFields::new();
        let table = self.table;
        for (index, header) in &table.map.custom {
            let cell = self.row.cells.get(*index);
            match (cell, cell.and_then(values::error_code)) {
                (_, Some(e)) => {
                    let e = e.to_string();
                    self.report(
                        Severity::Warning,
                        Some(*index),
                        Some(e.clone()),
                        Message::ErrorCellIgnored(e),
                    )
                }
                (Some(cell), None) => {
                    if let Some(text) = values::cell_text(cell) {
                        fields.entry(header.clone()).or_insert(text);
                    }
                }
                (None, None) => {}
            }
        }
        fields
    }

    pub(super) fn origin(&self) -> Origin {
        Origin {
            file: self.table.raw.file.clone(),
            sheet: self.table.raw.sheet.clone(),
            row: self.row.number,
        }
    }
}

impl<'a, C: Column> RowCtx<'a, '_, C> {
    /// The header index of a column of this row's table.
    pub(super) fn index(&self, column: C) -> Option<usize> {
        self.table.map.index(column)
    }

    /// The cell of a contract column. `Err` when an error cell was found (already
    /// reported); `Ok(None)` when the column is absent or the cell blank.
    pub(super) fn cell(&mut self, column: C) -> Result<Option<&'a RawCell>, ()> {
        let Some(index) = self.index(column) else {
            return Ok(None);
        };
        let row = self.row;
        let cell = row.cells.get(index);
        match cell.and_then(values::error_code) {
            None => match cell {
                Some(cell) if !cell.is_blank() => Ok(Some(cell)),
                _ => Ok(None),
            },
            Some(e) => {
                let e = e.to_string();
                if column.spec().required {
                    self.report(
                        Severity::Error,
                        Some(index),
                        Some(e.clone()),
                        Message::ErrorCellRequired(e),
                    );
                    Err(())
                } else {
                    self.report(
                        Severity::Warning,
                        Some(index),
                        Some(e.clone()),
                        Message::ErrorCellIgnored(e),
                    );
                    Ok(None)
                }
            }
        }
    }

    pub(super) fn required_missing(&mut self, column: C) {
        // An absent column is reported once, at the sheet's header.
        let Some(index) = self.index(column) else {
            return;
        };
        self.report(
            Severity::Error,
            Some(index),
            None,
            Message::RequiredEmpty(column.spec().names()),
        );
    }

    pub(super) fn text(&mut self, column: C) -> Option<String> {
        self.cell(column).ok().flatten().and_then(values::cell_text)
    }

    pub(super) fn required_text(&mut self, column: C) -> Option<String> {
        match self.cell(column) {
            Err(()) => None,
            Ok(cell) => {
                let text = cell.and_then(values::cell_text);
                if text.is_none() {
                    self.required_missing(column);
                }
                text
            }
        }
    }

    pub(super) fn value<T>(
        &mut self,
        column: C,
        parse: impl Fn(&RawCell) -> Result<Option<T>, Message>,
    ) -> Option<T> {
        let cell = self.cell(column).ok().flatten()?;
        match parse(cell) {
            Ok(v) => v,
            Err(message) => {
                let index = self.index(column);
                self.report(Severity::Error, index, Some(cell.display()), message);
                None
            }
        }
    }

    pub(super) fn required_value<T>(
        &mut self,
        column: C,
        parse: impl Fn(&RawCell) -> Result<Option<T>, Message>,
    ) -> Option<T> {
        match self.cell(column) {
            Err(()) => None,
            Ok(None) => {
                self.required_missing(column);
                None
            }
            Ok(Some(_)) => self.value(column, parse),
        }
    }

    pub(super) fn keyword<T>(
        &mut self,
        column: C,
        parse: fn(&str) -> Option<T>,
        kind: Keyword,
    ) -> Option<T> {
        self.value(column, |c| values::keyword(c, parse, kind))
    }

    pub(super) fn date(&mut self, column: C) -> Option<NaiveDate> {
        self.value(column, values::date)
    }

    pub(super) fn amount(&mut self, column: C) -> Option<Amount> {
        let cell = self.cell(column).ok().flatten()?;
        Some(match cell {
            RawCell::Number(n) => Amount::Number(*n),
            _ => {
                let text = values::cell_text(cell)?;
                match number_text(&text) {
                    Some(n) => Amount::Number(n),
                    None => Amount::Text(text),
                }
            }
        })
    }
}

/// A number written as text in a Baseline or Target cell: a whole number in any form
/// [`values::parse_whole_text`] takes, or a decimal with `.` or `,`.
pub(super) fn number_text(s: &str) -> Option<f64> {
    if let Some(n) = values::parse_whole_text(s) {
        return Some(n as f64);
    }
    let t = s.trim();
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = body.split_once(['.', ','])?;
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if digits(int) && digits(frac) {
        t.replace(',', ".").parse().ok()
    } else {
        None
    }
}
