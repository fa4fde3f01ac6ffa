//! The demo business's one past import: badge scans from a trade show, run through the real
//! importer so the Imports history (and its undo) has something true to show on first start.
//! It only updates demo contacts (tag, note, title) and rejects two rows, so the demo keeps its
//! size (320 contacts) that other screens and tests rely on.

use super::{ColumnMapping, ImportKind, ImportOptions, Mapping, MatchBy, OnMatch, Target};
use crate::common::new_id;
use crate::error::{CoreError, CoreResult};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::fmt::Write as _;
use std::sync::atomic::AtomicBool;

pub const FILE_NAME: &str = "trade-show-badge-scans.csv";
const TOPICS: [&str; 5] = ["a new website", "a logo refresh", "online shop", "brand guidelines", "a newsletter template"];

pub async fn record(db: &DatabaseConnection) -> CoreResult<()> {
    let q = Query::select()
        .column(("e", "email"))
        .column(("c", "first_name"))
        .column(("c", "last_name"))
        .from_as("contacts", sea_orm::sea_query::Alias::new("c"))
        .join_as(
            sea_orm::sea_query::JoinType::InnerJoin,
            "contact_emails",
            sea_orm::sea_query::Alias::new("e"),
            Expr::col(("e", "contact_id")).equals(("c", "id")),
        )
        .and_where(Expr::col(("e", "is_primary")).eq(true))
        .and_where(Expr::col(("c", "deleted_at")).is_null())
        .order_by(("c", "id"), Order::Asc)
        .offset(40)
        .limit(10)
        .to_owned();
    let mut csv = String::from("First Name,Last Name,Email,Job Title,Interested in,Scanned at\n");
    for (i, r) in db.query_all(&q).await?.iter().enumerate() {
        let email: String = r.try_get_by_index(0)?;
        let first: String = r.try_get_by_index(1)?;
        let last: String = r.try_get_by_index(2)?;
        let title = if i == 3 { "Head of Marketing" } else { "" };
        let _ = writeln!(csv, "\"{first}\",\"{last}\",{email},{title},{},Stand B{}", TOPICS[i % TOPICS.len()], 10 + i);
    }
    csv.push_str("Badge 0417,,scan-0417@,,pricing,Stand B12\n,,,,left a card without a name,Stand B12\n");
    let dir = std::env::temp_dir().join(format!("hearth-demo-import-{}", new_id()));
    std::fs::create_dir_all(&dir).map_err(|e| CoreError::Storage { message: format!("demo import: {e}") })?;
    let path = dir.join(FILE_NAME);
    let written = std::fs::write(&path, csv).map_err(|e| CoreError::Storage { message: format!("demo import: {e}") });
    let result = match written {
        Ok(()) => {
            let field = |f: &str| Target::Field { field: f.to_string() };
            let targets = [field("first_name"), field("last_name"), field("email"), field("title"), Target::Note, Target::Note];
            let headers = ["First Name", "Last Name", "Email", "Job Title", "Interested in", "Scanned at"];
            let mapping = Mapping {
                columns: headers
                    .iter()
                    .zip(targets)
                    .enumerate()
                    .map(|(i, (h, target))| ColumnMapping { column: i as u32, header: h.to_string(), target })
                    .collect(),
            };
            let opts = ImportOptions {
                kind: ImportKind::Contacts,
                path: path.display().to_string(),
                sheet: None,
                mapping,
                on_match: OnMatch::Update,
                match_by: vec![MatchBy::Email],
                tags: vec!["Trade show 2026".into()],
            };
            super::run(db, &opts, &|_| {}, &AtomicBool::new(false)).await.map(|_| ())
        }
        Err(e) => Err(e),
    };
    let _ = std::fs::remove_dir_all(&dir);
    result
}
