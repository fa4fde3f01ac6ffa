//! `hearth-cli segments`: the saved segments with their counts and conversion, and a segment's
//! members (as the contacts list shows them).

use crate::output::{self, print_json};
use chrono::Utc;
use clap::Subcommand;
use hearth_core::contacts::{self, ContactFilter, ContactQuery};
use hearth_core::conversion::Period;
use hearth_core::segments;
use hearth_core::{CoreError, DatabaseConnection};

#[derive(Subcommand)]
pub enum SegmentsCommand {
    /// Every segment with how many contacts it holds now and its conversion over `--days`.
    List {
        #[arg(long, default_value_t = 365)]
        days: i64,
    },
    /// A segment's members (by name or id), in the list's order.
    Members {
        name: String,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
}

pub async fn run(db: &DatabaseConnection, json: bool, command: SegmentsCommand) -> Result<(), CoreError> {
    match command {
        SegmentsCommand::List { days } => {
            let list = segments::list(db).await?;
            let rates = segments::conversion(db, Period::last_days(Utc::now(), days.clamp(1, 36_500))).await?;
            if json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|s| {
                        let c = rates.iter().find(|r| r.segment_id == s.id).map(|r| r.conversion);
                        serde_json::json!({ "segment": s, "conversion": c })
                    })
                    .collect();
                print_json(&rows);
                return Ok(());
            }
            println!("{:<36}  {:<32}  {:>8}  CONVERTED ({days} DAYS)", "ID", "NAME", "CONTACTS");
            for s in &list {
                let c = rates.iter().find(|r| r.segment_id == s.id).map(|r| r.conversion).unwrap_or_default();
                let rate = c.rate_percent.map_or("no leads".to_string(), |r| format!("{r}% ({} of {})", c.converted, c.leads));
                println!("{:<36}  {:<32}  {:>8}  {rate}", s.id, output::cut(&s.name, 32), s.members);
            }
        }
        SegmentsCommand::Members { name, limit, offset } => {
            let s = segments::find(db, &name).await?;
            let q = ContactQuery {
                filter: ContactFilter { segment_id: Some(s.id), ..Default::default() },
                offset,
                limit: Some(limit),
                ..Default::default()
            };
            output::contacts(json, &contacts::list(db, &q).await?);
        }
    }
    Ok(())
}
