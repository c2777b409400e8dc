//! Turning positioned cells into a [`RawTable`]: header detection, padding, limits.
//!
//! Every reader (calamine sheets, CSV records) feeds cells here row by row, so the rules
//! (first non-empty row is the header, empty rows skipped, cells padded to the header
//! width, row and column limits) live in one place and cannot differ between forms.

use super::{Limits, RawCell, RawRow, RawTable, ReadError};
use crate::i18n::Message;
use crate::problem::{Problem, Severity};
use std::cell::Cell;

/// What a run may still keep of its inputs: cells stored (empty cells padding a row to its
/// header's width included) and bytes of text, shared by every table of every file read
/// in one [`super::read_inputs`]. Each row is charged as it is kept, so the memory the
/// read tables take is bounded whatever the files, their number or their shape.
#[derive(Debug)]
pub(crate) struct Budget {
    cells: Cell<u64>,
    text: Cell<u64>,
    max_cells: usize,
    max_text: u64,
}

impl Budget {
    /// The whole budget of `limits`.
    pub(crate) fn new(limits: &Limits) -> Budget {
        Budget {
            cells: Cell::new(limits.max_cells as u64),
            text: Cell::new(limits.max_text_bytes),
            max_cells: limits.max_cells,
            max_text: limits.max_text_bytes,
        }
    }

    /// Bytes of text still allowed.
    pub(crate) fn text_left(&self) -> u64 {
        self.text.get()
    }

    /// Cells still allowed.
    pub(crate) fn cells_left(&self) -> u64 {
        self.cells.get()
    }

    /// Takes `cells` and `text` bytes from the budget, or says which limit `sheet` reached.
    pub(crate) fn charge(&self, sheet: &str, cells: u64, text: u64) -> Result<(), ReadError> {
        if cells > self.cells.get() {
            return Err(self.too_many_cells(sheet));
        }
        if text > self.text.get() {
            return Err(self.too_much_text(sheet));
        }
        self.cells.set(self.cells.get() - cells);
        self.text.set(self.text.get() - text);
        Ok(())
    }

    pub(crate) fn too_many_cells(&self, sheet: &str) -> ReadError {
        ReadError::TooManyCells {
            sheet: sheet.to_string(),
            limit: self.max_cells,
        }
    }

    pub(crate) fn too_much_text(&self, sheet: &str) -> ReadError {
        ReadError::TooMuchText {
            sheet: sheet.to_string(),
            limit: self.max_text,
        }
    }
}

/// Bytes of text a cell holds.
pub(crate) fn text_bytes(cell: &RawCell) -> u64 {
    match cell {
        RawCell::Text(s) | RawCell::IsoDate(s) | RawCell::Error(s) => s.len() as u64,
        _ => 0,
    }
}

/// Builds one table from rows given in ascending row order.
pub(crate) struct TableBuilder<'a> {
    file: &'a str,
    sheet: &'a str,
    limits: &'a Limits,
    budget: &'a Budget,
    header: Option<Header>,
    rows: Vec<RawRow>,
    problems: Vec<Problem>,
    warned_wide: bool,
    warned_outside: bool,
}

struct Header {
    row: u64,
    first_col: usize,
    names: Vec<String>,
}

impl<'a> TableBuilder<'a> {
    /// A builder for `sheet` of `file`.
    pub(crate) fn new(
        file: &'a str,
        sheet: &'a str,
        limits: &'a Limits,
        budget: &'a Budget,
    ) -> Self {
        TableBuilder {
            file,
            sheet,
            limits,
            budget,
            header: None,
            rows: Vec::new(),
            problems: Vec::new(),
            warned_wide: false,
            warned_outside: false,
        }
    }

    /// Adds one spreadsheet row: its number as shown (1-based) and its cells as
    /// `(column index from A = 0, cell)`, in any column order.
    pub(crate) fn push_row(
        &mut self,
        number: u64,
        cells: Vec<(usize, RawCell)>,
    ) -> Result<(), ReadError> {
        let mut cells: Vec<(usize, RawCell)> =
            cells.into_iter().filter(|(_, c)| !c.is_blank()).collect();
        if cells.is_empty() {
            return Ok(());
        }
        let max_columns = self.limits.max_columns;
        if cells.iter().any(|(c, _)| *c >= max_columns) {
            cells.retain(|(c, _)| *c < max_columns);
            if !self.warned_wide {
                self.warned_wide = true;
                self.problems.push(self.warning(
                    Some(number),
                    Message::ValuesBeyondColumn {
                        column: column_name(max_columns.saturating_sub(1)),
                        max: max_columns,
                    },
                ));
            }
            if cells.is_empty() {
                return Ok(());
            }
        }
        cells.sort_by_key(|(c, _)| *c);
        let Some(header) = &self.header else {
            let first_col = cells.first().map_or(0, |(c, _)| *c);
            let last_col = cells.last().map_or(0, |(c, _)| *c);
            let width = last_col - first_col + 1;
            let text: u64 = cells.iter().map(|(_, c)| text_bytes(c)).sum();
            self.budget.charge(self.sheet, width as u64, text)?;
            let mut names = vec![String::new(); width];
            for (c, cell) in cells {
                if let Some(slot) = names.get_mut(c - first_col) {
                    *slot = cell.display().trim().to_string();
                }
            }
            self.header = Some(Header {
                row: number,
                first_col,
                names,
            });
            return Ok(());
        };
        if self.rows.len() >= self.limits.max_rows {
            return Err(ReadError::TooManyRows {
                sheet: self.sheet.to_string(),
                limit: self.limits.max_rows,
            });
        }
        let width = header.names.len();
        let first_col = header.first_col;
        let text: u64 = cells.iter().map(|(_, c)| text_bytes(c)).sum();
        self.budget.charge(self.sheet, width as u64, text)?;
        let mut row = vec![RawCell::Empty; width];
        let mut outside = false;
        for (c, cell) in cells {
            match c.checked_sub(first_col).and_then(|i| row.get_mut(i)) {
                Some(slot) => *slot = cell,
                None => outside = true,
            }
        }
        if outside && !self.warned_outside {
            self.warned_outside = true;
            let msg = Message::ValuesOutsideHeader {
                first: column_name(first_col),
                last: column_name(first_col + width - 1),
            };
            self.problems.push(self.warning(Some(number), msg));
        }
        if row.iter().all(RawCell::is_blank) {
            return Ok(());
        }
        self.rows.push(RawRow { number, cells: row });
        Ok(())
    }

    fn warning(&self, row: Option<u64>, message: Message) -> Problem {
        let mut p = Problem::file(Severity::Warning, self.file, message);
        p.sheet = Some(self.sheet.to_string());
        p.row = row;
        p
    }

    /// The table (`None` for a sheet with no non-empty row) and the warnings found.
    pub(crate) fn finish(self) -> (Option<RawTable>, Vec<Problem>) {
        let table = self.header.map(|h| RawTable {
            file: self.file.to_string(),
            sheet: self.sheet.to_string(),
            header_row: h.row,
            headers: h.names,
            rows: self.rows,
        });
        (table, self.problems)
    }
}

/// The column letters Excel shows for a 0-based column index (`0` is `A`).
pub(crate) fn column_name(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_follow_excel() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
    }

    #[test]
    fn header_is_first_non_empty_row_and_cells_are_padded() {
        let limits = Limits::default();
        let budget = Budget::new(&limits);
        let mut b = TableBuilder::new("f.xlsx", "S", &limits, &budget);
        b.push_row(2, vec![(1, RawCell::Text("  ".into()))]).ok();
        b.push_row(
            3,
            vec![
                (1, RawCell::Text(" A ".into())),
                (3, RawCell::Text("C".into())),
            ],
        )
        .ok();
        b.push_row(5, vec![(1, RawCell::Number(1.0))]).ok();
        b.push_row(6, vec![]).ok();
        let (t, p) = b.finish();
        let t = t.expect("a table");
        assert!(p.is_empty());
        assert_eq!(t.header_row, 3);
        assert_eq!(t.headers, vec!["A", "", "C"]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].number, 5);
        assert_eq!(
            t.rows[0].cells,
            vec![RawCell::Number(1.0), RawCell::Empty, RawCell::Empty]
        );
    }

    #[test]
    fn too_many_rows_is_an_error() {
        let limits = Limits {
            max_rows: 2,
            ..Limits::default()
        };
        let budget = Budget::new(&limits);
        let mut b = TableBuilder::new("f.csv", "t", &limits, &budget);
        let cell = || vec![(0, RawCell::Text("x".into()))];
        assert!(b.push_row(1, cell()).is_ok());
        assert!(b.push_row(2, cell()).is_ok());
        assert!(b.push_row(3, cell()).is_ok());
        assert!(b.push_row(4, cell()).is_err());
    }
}
