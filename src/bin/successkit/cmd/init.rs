//! `successkit init`.

use super::{CmdError, Outcome};

pub fn run(_args: crate::cli::InitArgs) -> Result<Outcome, CmdError> {
    Err(CmdError::new("`init` is not built yet"))
}
