//! `hearth-cli export …`: lists as CSV/XLSX/vCard, everything as a ZIP.

use clap::Subcommand;
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Everything as a ZIP of CSVs plus manifest.json.
    All { out: std::path::PathBuf },
}

pub async fn run(_db: &DatabaseConnection, _json: bool, _command: ExportCommand) -> Result<(), CoreError> {
    Err(CoreError::conflict("export is being built"))
}
