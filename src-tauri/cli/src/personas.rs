//! `hearth-cli personas`: the personas with their members and conversion.

use crate::output::{self, print_json};
use chrono::Utc;
use clap::Subcommand;
use hearth_core::conversion::Period;
use hearth_core::personas;
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum PersonasCommand {
    /// Every persona (first rule first) with its members and conversion over `--days`.
    List {
        #[arg(long, default_value_t = 365)]
        days: i64,
    },
}

pub async fn run(db: &DatabaseConnection, json: bool, command: PersonasCommand) -> Result<(), CoreError> {
    let PersonasCommand::List { days } = command;
    let list = personas::list(db).await?;
    let rates = personas::conversion(db, Period::last_days(Utc::now(), days.clamp(1, 36_500))).await?;
    if json {
        let rows: Vec<_> = list
            .iter()
            .map(|p| serde_json::json!({ "persona": p, "conversion": rates.iter().find(|r| r.persona_id == p.id).map(|r| r.conversion) }))
            .collect();
        print_json(&rows);
        return Ok(());
    }
    println!("{:<36}  {:<32}  {:>8}  {:>7}  CONVERTED ({days} DAYS)", "ID", "NAME", "CONTACTS", "BY HAND");
    for p in &list {
        let c = rates.iter().find(|r| r.persona_id == p.id).map(|r| r.conversion).unwrap_or_default();
        let rate = c.rate_percent.map_or("no leads".to_string(), |r| format!("{r}% ({} of {})", c.converted, c.leads));
        println!("{:<36}  {:<32}  {:>8}  {:>7}  {rate}", p.id, output::cut(&p.name, 32), p.members, p.by_hand);
    }
    Ok(())
}
