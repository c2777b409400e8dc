//! `successkit templates`.

use super::{CmdError, Outcome};

pub fn run(_args: crate::cli::TemplatesArgs) -> Result<Outcome, CmdError> {
    Err(CmdError::new("`templates` is not built yet"))
}
