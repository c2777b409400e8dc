//! XLSX writer for the portfolio report (rust_xlsxwriter).
