//! `successkit build`.

use super::{CmdError, Outcome};

pub fn run(_args: crate::cli::BuildArgs) -> Result<Outcome, CmdError> {
    Err(CmdError::new("`build` is not built yet"))
}
