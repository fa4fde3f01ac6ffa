//! `hearth-cli import …`: import a file without the UI; list and undo past imports.

use clap::Subcommand;
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Past imports, newest first.
    List,
}

pub async fn run(_db: &DatabaseConnection, _json: bool, _command: ImportCommand) -> Result<(), CoreError> {
    Err(CoreError::conflict("import is being built"))
}
