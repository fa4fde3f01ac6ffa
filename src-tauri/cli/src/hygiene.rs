//! `hearth-cli duplicates|merge|quality|privacy …`: keep the data clean and honour privacy.

use clap::Subcommand;
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum DuplicatesCommand {
    /// Groups of likely duplicates, highest confidence first.
    List,
}

#[derive(Subcommand)]
pub enum QualityCommand {
    /// How many records each data-quality check finds.
    Overview,
}

#[derive(Subcommand)]
pub enum PrivacyCommand {
    /// Everything held about one contact, as JSON.
    ExportContact { id: String },
}

pub async fn duplicates(_db: &DatabaseConnection, _json: bool, _command: DuplicatesCommand) -> Result<(), CoreError> {
    Err(CoreError::conflict("duplicates are being built"))
}

pub async fn quality(_db: &DatabaseConnection, _json: bool, _command: QualityCommand) -> Result<(), CoreError> {
    Err(CoreError::conflict("data quality is being built"))
}

pub async fn privacy(_db: &DatabaseConnection, _json: bool, _command: PrivacyCommand) -> Result<(), CoreError> {
    Err(CoreError::conflict("privacy is being built"))
}
