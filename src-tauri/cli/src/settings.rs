//! `hearth-cli settings`: regional formats (default currency, locale, date order, clock, first
//! day of the week) and the data folder.

use crate::output::print_json;
use clap::{Subcommand, ValueEnum};
use hearth_core::data_folder;
use hearth_core::regional::{self, Clock, DateOrder, Regional, WeekStart};
use hearth_core::CoreError;
use std::path::Path;

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// The regional formats in force and where the data is.
    Show,
    /// Change regional formats; fields left out keep their value.
    Regional {
        /// ISO 4217 code for new deals, orders, products and imports, e.g. EUR.
        #[arg(long)]
        currency: Option<String>,
        /// Language and region for numbers and dates, e.g. en-GB; "" for the system's.
        #[arg(long)]
        locale: Option<String>,
        #[arg(long, value_enum)]
        date_order: Option<DateArg>,
        #[arg(long, value_enum)]
        clock: Option<ClockArg>,
        #[arg(long, value_enum)]
        week_start: Option<WeekArg>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DateArg {
    System,
    Dmy,
    Mdy,
    Ymd,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ClockArg {
    System,
    #[value(name = "12")]
    H12,
    #[value(name = "24")]
    H24,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum WeekArg {
    System,
    Monday,
    Saturday,
    Sunday,
}

pub async fn run(db: &hearth_core::DatabaseConnection, db_path: &Path, home: Option<&Path>, json: bool, command: SettingsCommand) -> Result<(), CoreError> {
    let r = match command {
        SettingsCommand::Show => regional::get(db).await?,
        SettingsCommand::Regional { currency, locale, date_order, clock, week_start } => {
            let mut input = regional::get(db).await?.chosen;
            if let Some(c) = currency {
                input.currency = c;
            }
            if let Some(l) = locale {
                input.locale = l;
            }
            if let Some(d) = date_order {
                input.date_order = match d {
                    DateArg::System => DateOrder::System,
                    DateArg::Dmy => DateOrder::DayMonthYear,
                    DateArg::Mdy => DateOrder::MonthDayYear,
                    DateArg::Ymd => DateOrder::YearMonthDay,
                };
            }
            if let Some(c) = clock {
                input.clock = match c {
                    ClockArg::System => Clock::System,
                    ClockArg::H12 => Clock::H12,
                    ClockArg::H24 => Clock::H24,
                };
            }
            if let Some(w) = week_start {
                input.week_start = match w {
                    WeekArg::System => WeekStart::System,
                    WeekArg::Monday => WeekStart::Monday,
                    WeekArg::Saturday => WeekStart::Saturday,
                    WeekArg::Sunday => WeekStart::Sunday,
                };
            }
            regional::set(db, input).await?
        }
    };
    let folder = data_folder::describe(db_path, home);
    if json {
        print_json(&serde_json::json!({ "regional": r, "data_folder": folder }));
    } else {
        print(&r, &folder);
    }
    Ok(())
}

fn print(r: &Regional, f: &data_folder::DataFolder) {
    let c = &r.chosen;
    let or_system = |s: &str| if s.is_empty() { "the system's".to_string() } else { s.to_string() };
    println!("Default currency: {}{}", c.currency, if r.saved { "" } else { " (from the deals; not chosen yet)" });
    println!("Language and region: {}", or_system(&c.locale));
    println!("Dates: {:?}; clock: {:?}; weeks start: {:?}", c.date_order, c.clock, c.week_start);
    println!("Data: {} ({:.1} MB){}", f.database, f.size_bytes as f64 / 1e6, if f.uses_default { ", the default folder" } else { "" });
}
