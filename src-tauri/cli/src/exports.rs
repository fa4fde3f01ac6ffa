//! `hearth-cli export …`: lists as CSV/XLSX/vCard, everything as a ZIP.

use clap::{Args, Subcommand};
use hearth_core::companies::CompanyQuery;
use hearth_core::contacts::{ContactFilter, ContactQuery};
use hearth_core::deals::{DealFilter, DealQuery};
use hearth_core::export::{self, ExportFormat, ExportList, ExportSummary};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::pipelines::StageKind;
use hearth_core::{pipelines, CoreError, DatabaseConnection};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ListArgs {
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
    /// csv, xlsx or vcard (contacts only); by default from the file's extension, else csv.
    #[arg(long)]
    format: Option<String>,
    /// Contacts: lifecycle stage (reach, acquisition, conversion, retention, loyalty or a label).
    #[arg(long)]
    stage: Option<String>,
    #[arg(long)]
    tag: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    /// Text search, as in the app's list.
    #[arg(long)]
    text: Option<String>,
    /// Deals: open, won or lost.
    #[arg(long)]
    status: Option<String>,
    /// Deals: one pipeline, by id or name.
    #[arg(long)]
    pipeline: Option<String>,
    /// Companies: one industry.
    #[arg(long)]
    industry: Option<String>,
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The contacts list (all, or filtered) as CSV, XLSX or vCard.
    Contacts(ListArgs),
    /// The companies list as CSV or XLSX.
    Companies(ListArgs),
    /// The deals list (every pipeline unless --pipeline) as CSV or XLSX.
    Deals(ListArgs),
    /// Everything as a ZIP of CSVs plus manifest.json.
    All {
        #[arg(long)]
        out: PathBuf,
    },
}

fn format_of(raw: Option<&str>, out: &Path) -> Result<ExportFormat, CoreError> {
    let ext = out.extension().and_then(|e| e.to_str()).map(str::to_lowercase);
    let name = raw.map(|s| s.trim().to_lowercase()).or(ext).unwrap_or_else(|| "csv".into());
    match name.as_str() {
        "csv" => Ok(ExportFormat::Csv),
        "xlsx" => Ok(ExportFormat::Xlsx),
        "vcard" | "vcf" => Ok(ExportFormat::Vcard),
        _ if raw.is_none() => Ok(ExportFormat::Csv),
        other => Err(CoreError::invalid("format", "unknown_format", format!("“{other}” is not a format: use csv, xlsx or vcard."))),
    }
}

fn not_for(what: &str, flag: &str, value: &Option<String>) -> Result<(), CoreError> {
    match value {
        Some(_) => Err(CoreError::invalid(flag, "not_applicable", format!("--{flag} does not filter {what}."))),
        None => Ok(()),
    }
}

async fn list_of(db: &DatabaseConnection, kind: &str, a: &ListArgs) -> Result<ExportList, CoreError> {
    Ok(match kind {
        "contacts" => {
            for (flag, v) in [("status", &a.status), ("pipeline", &a.pipeline), ("industry", &a.industry)] {
                not_for("contacts", flag, v)?;
            }
            let stage = match &a.stage {
                Some(s) => Some(LifecycleStage::parse(&s.trim().to_lowercase()).or_else(|| LifecycleStage::parse(s.trim())).ok_or_else(|| {
                    CoreError::invalid("stage", "unknown_stage", format!("“{s}” is not a stage: use reach, acquisition, conversion, retention or loyalty."))
                })?),
                None => None,
            };
            let filter = ContactFilter { stage, tag: a.tag.clone(), owner: a.owner.clone(), text: a.text.clone(), ..Default::default() };
            ExportList::Contacts { query: ContactQuery { filter, ..Default::default() } }
        }
        "companies" => {
            for (flag, v) in [("stage", &a.stage), ("status", &a.status), ("pipeline", &a.pipeline)] {
                not_for("companies", flag, v)?;
            }
            let query = CompanyQuery { text: a.text.clone(), industry: a.industry.clone(), tag: a.tag.clone(), owner: a.owner.clone(), ..Default::default() };
            ExportList::Companies { query }
        }
        _ => {
            if a.stage.is_some() {
                return Err(CoreError::invalid("stage", "not_applicable", "--stage filters contacts by lifecycle stage; for deals use --status open, won or lost."));
            }
            not_for("deals", "industry", &a.industry)?;
            let status = match a.status.as_deref().map(|s| s.trim().to_lowercase()) {
                None => None,
                Some(s) if s == "open" => Some(StageKind::Open),
                Some(s) if s == "won" => Some(StageKind::Won),
                Some(s) if s == "lost" => Some(StageKind::Lost),
                Some(s) => return Err(CoreError::invalid("status", "unknown_status", format!("“{s}” is not a status: use open, won or lost."))),
            };
            let pipeline_id = match &a.pipeline {
                None => None,
                Some(p) => {
                    let all = pipelines::list(db).await?;
                    let found = all.iter().find(|x| x.id == p.trim() || x.name.to_lowercase() == p.trim().to_lowercase());
                    let names = all.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join(", ");
                    Some(found.ok_or_else(|| CoreError::invalid("pipeline", "unknown_pipeline", format!("“{p}” is not a pipeline: use {names}.")))?.id.clone())
                }
            };
            let filter = DealFilter { text: a.text.clone(), owner: a.owner.clone(), tag: a.tag.clone(), status, ..Default::default() };
            ExportList::Deals { query: DealQuery { pipeline_id, filter, ..Default::default() } }
        }
    })
}

fn human_size(bytes: i64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} bytes"),
    }
}

fn report(json: bool, what: &str, s: &ExportSummary) {
    if json {
        return crate::output::print_json(s);
    }
    println!("Exported {} {what} to {} ({}).", s.rows, s.path, human_size(s.bytes));
}

pub async fn run(db: &DatabaseConnection, json: bool, command: ExportCommand) -> Result<(), CoreError> {
    let (kind, args) = match command {
        ExportCommand::All { out } => {
            let s = export::export_all(db, &out).await?;
            report(json, "rows from every table", &s);
            return Ok(());
        }
        ExportCommand::Contacts(a) => ("contacts", a),
        ExportCommand::Companies(a) => ("companies", a),
        ExportCommand::Deals(a) => ("deals", a),
    };
    let format = format_of(args.format.as_deref(), &args.out)?;
    let list = list_of(db, kind, &args).await?;
    let s = export::export_list(db, &list, format, &args.out).await?;
    report(json, kind, &s);
    Ok(())
}
