//! `hearth-cli tiers`: the priority tiers with their handling, members and measured conversion.

use crate::output::print_json;
use chrono::Utc;
use clap::Subcommand;
use hearth_core::conversion::Period;
use hearth_core::tiers;
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum TiersCommand {
    /// A, B and C with their rules' members, follow-up time, support level and conversion over `--days`.
    List {
        #[arg(long, default_value_t = 365)]
        days: i64,
    },
}

pub async fn run(db: &DatabaseConnection, json: bool, command: TiersCommand) -> Result<(), CoreError> {
    let TiersCommand::List { days } = command;
    let list = tiers::list(db).await?;
    let rates = tiers::conversion(db, Period::last_days(Utc::now(), days.clamp(1, 36_500))).await?;
    if json {
        let rows: Vec<_> = list
            .iter()
            .map(|t| serde_json::json!({ "tier": t, "conversion": rates.iter().find(|r| r.id == t.id).map(|r| r.conversion) }))
            .collect();
        print_json(&rows);
        return Ok(());
    }
    for t in &list {
        let c = rates.iter().find(|r| r.id == t.id).map(|r| r.conversion).unwrap_or_default();
        let rate = c.rate_percent.map_or("no leads".to_string(), |r| format!("{r}% ({} of {} leads)", c.converted, c.leads));
        let who = if t.filter.is_none() { " (everyone else)" } else { "" };
        println!("{}  {}{who}: {} contacts; converted {rate} in {days} days", t.id.letter(), t.name, t.members);
        let days = if t.follow_up_days == 1 { "1 day".to_string() } else { format!("{} days", t.follow_up_days) };
        println!("   follow up within {days}; support: {}", t.support_level.as_deref().unwrap_or("—"));
    }
    Ok(())
}
