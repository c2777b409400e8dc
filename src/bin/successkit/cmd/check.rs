//! `successkit check`.

use super::{CmdError, Outcome};

pub fn run(_args: crate::cli::CheckArgs) -> Result<Outcome, CmdError> {
    Err(CmdError::new("`check` is not built yet"))
}
