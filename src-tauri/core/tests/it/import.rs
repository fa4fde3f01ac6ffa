//! The importer: reading files (encodings, delimiters, quotes, bad input), mapping, matching
//! rules, preview, the transaction (cancel, failure mid-way), undo, rejected rows, XLSX, vCard,
//! deals and activities.

use crate::common;

use hearth_core::contacts::{self, ContactDetail};
use hearth_core::import::{
    self, ImportKind, ImportOptions, ImportStatus, ImportSummary, MatchBy, OnMatch, RowAction, Target,
};
use hearth_core::{search, CoreError, DatabaseConnection};
use sea_orm::{ConnectionTrait, Statement};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get_by_index(0).unwrap()
}

/// Counts of every table an import writes, to compare before and after.
async fn snapshot(db: &DatabaseConnection) -> Vec<i64> {
    let mut out = Vec::new();
    for t in ["contacts", "contact_emails", "contact_phones", "contact_tags", "companies", "deals", "activities", "tags", "imports", "import_items", "import_rejects", "lifecycle_changes", "contacts_fts"] {
        out.push(scalar(db, &format!("SELECT count(*) FROM {t}")).await);
    }
    out.push(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").await);
    out
}

async fn options(db: &DatabaseConnection, kind: ImportKind, path: &Path) -> ImportOptions {
    let info = import::open_file(db, kind, path, None).await.unwrap();
    ImportOptions {
        kind,
        path: path.display().to_string(),
        sheet: None,
        mapping: info.suggested,
        on_match: OnMatch::Update,
        match_by: match kind {
            ImportKind::Companies => vec![MatchBy::Domain, MatchBy::ExternalId],
            ImportKind::Deals => vec![MatchBy::ExternalId],
            _ => vec![MatchBy::Email, MatchBy::ExternalId],
        },
        tags: vec![],
    }
}

async fn run(db: &DatabaseConnection, opts: &ImportOptions) -> Result<ImportSummary, CoreError> {
    import::run(db, opts, &|_| {}, &AtomicBool::new(false)).await
}

async fn import_file(db: &DatabaseConnection, kind: ImportKind, path: &Path) -> ImportSummary {
    let opts = options(db, kind, path).await;
    run(db, &opts).await.unwrap()
}

async fn by_email(db: &DatabaseConnection, email: &str) -> ContactDetail {
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT c.id FROM contacts c JOIN contact_emails e ON e.contact_id = c.id WHERE e.email = ? AND c.deleted_at IS NULL",
            [email.into()],
        ))
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no live contact with {email}"));
    contacts::get(db, &row.try_get_by_index::<String>(0).unwrap()).await.unwrap()
}

fn validation(e: CoreError) -> (String, String) {
    match e {
        CoreError::Validation { errors } => (errors[0].code.clone(), errors[0].message.clone()),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

const PLAIN: &str = "First name;Last name;E-mail\nZoë;Müller;zoe@example.com\nRené;Dupré;rene@example.com\n";

#[tokio::test]
async fn every_common_encoding_reads_the_same_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(PLAIN.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in PLAIN.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(PLAIN);
    for (name, bytes, encoding) in [
        ("utf8.csv", PLAIN.as_bytes().to_vec(), "UTF-8"),
        ("bom.csv", bom, "UTF-8"),
        ("utf16.csv", utf16, "UTF-16LE"),
        ("latin.csv", latin.into_owned(), "windows-1252"),
    ] {
        let db = common::db().await;
        let path = write(&dir, name, bytes);
        let info = import::open_file(&db, ImportKind::Contacts, &path, None).await.unwrap();
        assert_eq!(info.encoding.as_deref(), Some(encoding), "{name}");
        assert_eq!(info.delimiter.as_deref(), Some(";"), "{name}");
        assert_eq!(info.headers, ["First name", "Last name", "E-mail"], "{name}: the BOM is not part of the first header");
        let s = import_file(&db, ImportKind::Contacts, &path).await;
        assert_eq!(s.counts.create, 2, "{name}");
        let zoe = by_email(&db, "zoe@example.com").await;
        assert_eq!((zoe.first_name.as_str(), zoe.last_name.as_str()), ("Zoë", "Müller"), "{name}");
        assert_eq!(by_email(&db, "rene@example.com").await.last_name, "Dupré", "{name}");
    }
}

#[tokio::test]
async fn tabs_and_quoted_cells_with_newlines_and_delimiters() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let tsv = write(&dir, "people.txt", "First Name\tLast Name\tEmail\tNotes\nAda\tLovelace\tada@example.com\t\"Line one\nline two,\twith \"\"quotes\"\"\"\r\n");
    let info = import::open_file(&db, ImportKind::Contacts, &tsv, None).await.unwrap();
    assert_eq!(info.delimiter.as_deref(), Some("\t"));
    assert_eq!(info.sample[0][3], "Line one\nline two,\twith \"quotes\"");
    import_file(&db, ImportKind::Contacts, &tsv).await;
    assert_eq!(by_email(&db, "ada@example.com").await.notes.as_deref(), Some("Line one\nline two,\twith \"quotes\""));

    let csv = write(&dir, "c.csv", "name,email,city\n\"Doe, Jane\",jane@example.com,\"Paris; France\"\n");
    let info = import::open_file(&db, ImportKind::Contacts, &csv, None).await.unwrap();
    assert_eq!(info.delimiter.as_deref(), Some(","), "the ; inside quotes does not count");
    import_file(&db, ImportKind::Contacts, &csv).await;
    let jane = by_email(&db, "jane@example.com").await;
    assert_eq!((jane.first_name.as_str(), jane.last_name.as_str()), ("Jane", "Doe"), "\"Last, First\" is split");
    assert_eq!(jane.address.city.as_deref(), Some("Paris; France"));
}

#[tokio::test]
async fn bad_files_give_clear_errors_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let before = snapshot(&db).await;
    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (write(&dir, "empty.csv", ""), "empty", "empty"),
        (write(&dir, "blank.csv", "\n\n  \n"), "empty", "empty"),
        (write(&dir, "bin.csv", [0x00u8, 0x01, 0x02, 0xFF, 0x00, 0x13, 0x37, 0x00, 0x00, 0x00, 0x10, 0x00]), "binary", "binary"),
        (write(&dir, "quote.csv", "Email,Notes\na@example.com,fine\nb@example.com,\"never closed\nc@example.com,x\n"), "unbalanced_quote", "Row 2"),
        (write(&dir, "old.xls", [0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), "old_excel", ".xlsx"),
    ];
    for (path, code, words) in cases {
        let kind = ImportKind::Contacts;
        let err = match import::open_file(&db, kind, &path, None).await {
            Err(e) => e,
            Ok(info) => {
                let opts = ImportOptions { kind, path: path.display().to_string(), sheet: None, mapping: info.suggested, on_match: OnMatch::Update, match_by: vec![], tags: vec![] };
                assert!(import::preview(&db, &opts).await.is_err(), "{}", path.display());
                run(&db, &opts).await.unwrap_err()
            }
        };
        let (c, message) = validation(err);
        assert_eq!(c, code, "{}: {message}", path.display());
        assert!(message.contains(words), "{message}");
    }
    let header_only = write(&dir, "header.csv", "Email,First name\n");
    let (code, message) = validation(import::open_file(&db, ImportKind::Contacts, &header_only, None).await.unwrap_err());
    assert_eq!(code, "no_rows", "{message}");
    assert_eq!(snapshot(&db).await, before);
}

#[tokio::test]
async fn ragged_rows_huge_cells_and_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let huge = "x".repeat(import::MAX_CELL + 10);
    let text = format!(
        "Email,First name,Title\nshort@example.com,Short\nextra@example.com,Extra,Boss,surplus\nhuge@example.com,Huge,{huge}\nformula@example.com,Eve,=cmd|' /C calc'!A0\nescaped@example.com,'=SUM(A1:A3),'@home\n"
    );
    let path = write(&dir, "ragged.csv", text);
    let opts = options(&db, ImportKind::Contacts, &path).await;
    let p = import::preview(&db, &opts).await.unwrap();
    assert_eq!((p.counts.create, p.counts.reject), (4, 1));
    assert!(p.warnings.iter().any(|w| w.contains("Row 2 has 4 cells, the header 3")), "{:?}", p.warnings);
    let huge_row = p.rows.iter().find(|r| r.row_number == 3).unwrap();
    assert_eq!(huge_row.action, RowAction::Reject);
    assert!(huge_row.issues[0].message.contains("larger than 64 KiB"), "{:?}", huge_row.issues);
    let s = run(&db, &opts).await.unwrap();
    assert_eq!(s.rejected[0].row_number, 3);
    assert_eq!(by_email(&db, "short@example.com").await.title, None, "missing cells are empty");
    assert_eq!(by_email(&db, "extra@example.com").await.title.as_deref(), Some("Boss"));
    assert_eq!(by_email(&db, "formula@example.com").await.title.as_deref(), Some("=cmd|' /C calc'!A0"), "kept as text");
    let esc = by_email(&db, "escaped@example.com").await;
    assert_eq!((esc.first_name.as_str(), esc.title.as_deref()), ("=SUM(A1:A3)", Some("@home")), "export escape removed");
}

#[tokio::test]
async fn each_tools_headers_are_recognised() {
    let db = common::db().await;
    for (file, tool, kind, expect) in [
        ("hubspot-contacts.csv", "HubSpot", ImportKind::Contacts, vec![("Record ID", "external_id"), ("Phone Number", "phone"), ("Company Name", "company"), ("Lifecycle Stage", "lifecycle_stage"), ("Contact owner", "owner")]),
        ("pipedrive-deals.csv", "Pipedrive", ImportKind::Deals, vec![("Deal - Title", "title"), ("Deal - Value", "value"), ("Deal - Stage", "stage"), ("Deal - Expected close date", "expected_close"), ("Person - Email", "contact_email")]),
        ("salesforce-contacts.csv", "Salesforce", ImportKind::Contacts, vec![("Contact ID", "external_id"), ("Account Name", "company"), ("Mailing City", "city"), ("Lead Source", "lead_source")]),
        ("google-contacts.csv", "Google Contacts", ImportKind::Contacts, vec![("Given Name", "first_name"), ("Family Name", "last_name"), ("E-mail 1 - Value", "email"), ("Phone 1 - Value", "phone"), ("Organization 1 - Title", "title")]),
        ("outlook-contacts.csv", "Outlook", ImportKind::Contacts, vec![("E-mail Address", "email"), ("Business Phone", "phone"), ("Mobile Phone", "mobile"), ("Business City", "city"), ("Company", "company")]),
    ] {
        let info = import::open_file(&db, kind, &fixture(file), None).await.unwrap();
        assert_eq!(info.looks_like.as_deref(), Some(tool), "{file}");
        for (header, field) in expect {
            let c = info.suggested.columns.iter().find(|c| c.header == header).unwrap();
            assert_eq!(c.target, Target::Field { field: field.into() }, "{file}: {header}");
        }
    }
    import_file(&db, ImportKind::Contacts, &fixture("hubspot-contacts.csv")).await;
    let ada = by_email(&db, "ada@analytical.example").await;
    assert_eq!(ada.phones[0].phone, "+442079460001");
    assert_eq!(ada.company.as_ref().unwrap().name, "Analytical Engines");
    assert_eq!(ada.lifecycle_stage, hearth_core::lifecycle::LifecycleStage::Retention, "HubSpot's customer");
    assert_eq!(by_email(&db, "charles@analytical.example").await.company, ada.company, "one company for both");
    import_file(&db, ImportKind::Contacts, &fixture("google-contacts.csv")).await;
    let alan = by_email(&db, "alan@bletchley.example").await;
    assert!(alan.tags.contains(&"VIP".to_string()), "Group Membership → tags: {:?}", alan.tags);
    import_file(&db, ImportKind::Contacts, &fixture("outlook-contacts.csv")).await;
    assert_eq!(by_email(&db, "katherine@nasa.example").await.tags, ["Heroes", "Space"]);
    import_file(&db, ImportKind::Contacts, &fixture("salesforce-contacts.csv")).await;
    let grace = by_email(&db, "grace@navy.example").await;
    assert_eq!(grace.lead_source.unwrap().name, "Trade show");
    assert_eq!(grace.address.city.as_deref(), Some("Arlington"));
}

#[tokio::test]
async fn dates_like_31_02_are_rejected_with_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    common::create_jane(&db).await;
    let path = write(&dir, "calls.csv", "Type,Subject,Date,Contact email,Done\ncall,Intro call,31/02/2026,jane.doe@example.com,yes\nmeeting,Kick-off,25/03/2026 14:30,jane.doe@example.com,no\nlunch,Lunch,03/04/2026,jane.doe@example.com,yes\n");
    let s = import_file(&db, ImportKind::Activities, &path).await;
    assert_eq!((s.counts.create, s.counts.reject), (2, 1));
    assert!(s.rejected[0].reason.contains("31/02/2026 is not a date"), "{}", s.rejected[0].reason);
    let at = scalar(&db, "SELECT count(*) FROM activities WHERE kind = 'meeting' AND subject = 'Kick-off' AND occurred_at LIKE '2026-03-25%14:30%'").await;
    assert_eq!(at, 1, "day-first column (25 > 12), time kept");
    let lunch = scalar(&db, "SELECT count(*) FROM activities WHERE kind = 'meeting' AND subject = 'Lunch' AND occurred_at LIKE '2026-04-03%' AND completed_at IS NOT NULL").await;
    assert_eq!(lunch, 1, "03/04 read day-first like the rest of the column; lunch is a meeting; done");
    let jane = by_email(&db, "jane.doe@example.com").await;
    assert!(jane.last_contacted_at.is_some(), "touches refreshed");
}

#[tokio::test]
async fn saved_mappings_round_trip_and_apply_by_header_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let a = write(&dir, "a.csv", "Mail,Vorname,Farbe\nx@example.com,Xaver,rot\n");
    let mut opts = options(&db, ImportKind::Contacts, &a).await;
    opts.mapping.columns[0].target = Target::Field { field: "email".into() };
    opts.mapping.columns[2].target = Target::Note;
    let saved = import::save_mapping(&db, ImportKind::Contacts, "  Trade fair  ", &opts.mapping).await.unwrap();
    assert_eq!(saved.name, "Trade fair");
    let again = import::save_mapping(&db, ImportKind::Contacts, "trade FAIR", &opts.mapping).await.unwrap();
    assert_eq!(again.id, saved.id, "same name replaces");
    assert!(import::mappings(&db, ImportKind::Companies).await.unwrap().is_empty());
    // Another file with the same headers in another order.
    let b = write(&dir, "b.csv", "Farbe,Vorname,Mail\nblau,Yvonne,y@example.com\n");
    let info = import::open_file(&db, ImportKind::Contacts, &b, None).await.unwrap();
    assert_eq!(info.saved_mappings.len(), 1);
    let applied = import::apply_mapping(&info.saved_mappings[0].mapping, &info.headers);
    assert_eq!(applied.columns[2].target, Target::Field { field: "email".into() });
    assert_eq!(applied.columns[1].target, Target::Field { field: "first_name".into() });
    // The saved mapping also works as is: columns are found by header name.
    let run_opts = ImportOptions { path: b.display().to_string(), mapping: saved.mapping.clone(), ..opts.clone() };
    run(&db, &run_opts).await.unwrap();
    let y = by_email(&db, "y@example.com").await;
    assert_eq!((y.first_name.as_str(), y.notes.as_deref()), ("Yvonne", Some("Farbe: blau")));
    let bad = import::save_mapping(&db, ImportKind::Contacts, "Bad", &import::Mapping { columns: vec![import::ColumnMapping { column: 0, header: "x".into(), target: Target::Field { field: "shoe_size".into() } }] }).await;
    assert_eq!(validation(bad.unwrap_err()).0, "unknown_field");
    import::delete_mapping(&db, &saved.id).await.unwrap();
    assert!(import::mappings(&db, ImportKind::Contacts).await.unwrap().is_empty());
    assert!(matches!(import::delete_mapping(&db, &saved.id).await, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn match_rules_update_skip_and_duplicates_within_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let jane = common::create_jane(&db).await; // jane.doe@example.com, +442079460958
    let path = write(&dir, "m.csv", "First name,Last name,Email,Phone,Title,Record ID\nJane,Doe,JANE.DOE@example.com,,CEO,\nJ,D,other@example.com,+44 20 7946 0958,Phone match,\nNew,Person,new@example.com,,First,X1\nNew,Person,new@example.com,,Second,\nExt,Only,ext@example.com,,By id,X1\n");
    let mut opts = options(&db, ImportKind::Contacts, &path).await;

    opts.match_by = vec![MatchBy::Email];
    opts.on_match = OnMatch::Skip;
    let p = import::preview(&db, &opts).await.unwrap();
    let actions: Vec<RowAction> = p.rows.iter().map(|r| r.action).collect();
    assert_eq!(actions, [RowAction::Skip, RowAction::Create, RowAction::Create, RowAction::Skip, RowAction::Create]);
    let m = p.rows[0].matched.as_ref().unwrap();
    assert_eq!((m.id.as_str(), m.name.as_str(), m.by), (jane.id.as_str(), "Jane Doe", MatchBy::Email));

    opts.match_by = vec![MatchBy::Email, MatchBy::Phone, MatchBy::ExternalId];
    opts.on_match = OnMatch::Update;
    let p = import::preview(&db, &opts).await.unwrap();
    let actions: Vec<RowAction> = p.rows.iter().map(|r| r.action).collect();
    assert_eq!(actions, [RowAction::Update, RowAction::Update, RowAction::Create, RowAction::Update, RowAction::Update]);
    assert_eq!(p.rows[1].matched.as_ref().unwrap().by, MatchBy::Phone);
    assert_eq!(p.rows[4].matched.as_ref().unwrap().by, MatchBy::ExternalId);

    let s = run(&db, &opts).await.unwrap();
    assert_eq!((s.counts.create, s.counts.update), (1, 4));
    let after = contacts::get(&db, &jane.id).await.unwrap();
    assert_eq!(after.title.as_deref(), Some("Phone match"), "the later row wins");
    assert_eq!(after.first_name, "J");
    assert_eq!(after.emails.len(), 2, "other@example.com added: {:?}", after.emails);
    assert_eq!(after.tags, jane.tags, "tags kept");
    let new = by_email(&db, "new@example.com").await;
    assert_eq!(new.title.as_deref(), Some("By id"), "one contact for the file's three rows");
    assert_eq!(new.emails.len(), 2);
    assert_eq!(scalar(&db, "SELECT count(*) FROM contacts WHERE deleted_at IS NULL").await, 2);
}

#[tokio::test]
async fn preview_writes_nothing_and_cancel_rolls_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    common::create_jane(&db).await;
    let mut text = String::from("Email,First name,Company,Tags\n");
    for i in 0..5_000 {
        text.push_str(&format!("p{i}@example.com,Person {i},Firm {},New tag {}\n", i % 50, i % 7));
    }
    text.push_str("not-an-email,Broken,,\n");
    let path = write(&dir, "many.csv", text);
    let opts = options(&db, ImportKind::Contacts, &path).await;
    let before = snapshot(&db).await;
    let p = import::preview(&db, &opts).await.unwrap();
    assert_eq!((p.counts.create, p.counts.reject), (5_000, 1));
    assert_eq!(p.rows.len(), 101, "the first 100 rows and the rejected one");
    assert_eq!(p.rows[100].row_number, 5_001);
    assert_eq!(snapshot(&db).await, before, "preview wrote nothing");

    let cancel = AtomicBool::new(false);
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |p: import::ImportProgress| {
        seen.lock().unwrap().push(p.rows_done);
        if p.rows_done >= 4_000 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let err = import::run(&db, &opts, &progress, &cancel).await.unwrap_err();
    assert_eq!(err, CoreError::Cancelled { message: "Import cancelled: nothing was imported.".into() });
    assert_eq!(*seen.lock().unwrap(), [2_000, 4_000]);
    assert_eq!(snapshot(&db).await, before, "a cancelled import leaves nothing, search triggers included");
}

#[tokio::test]
async fn a_failure_mid_way_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    common::create_jane(&db).await;
    let mut text = String::from("Email,First name,Notes\n");
    for i in 0..4_000 {
        text.push_str(&format!("q{i}@example.com,Q {i},fine\n"));
    }
    text.push_str("last@example.com,Last,\"opened and never closed\n");
    let path = write(&dir, "fails.csv", text);
    let before = snapshot(&db).await;
    let opts = ImportOptions { kind: ImportKind::Contacts, path: path.display().to_string(), sheet: None, mapping: import::open_file(&db, ImportKind::Contacts, &path, None).await.unwrap().suggested, on_match: OnMatch::Update, match_by: vec![MatchBy::Email], tags: vec![] };
    let (code, message) = validation(run(&db, &opts).await.unwrap_err());
    assert_eq!(code, "unbalanced_quote");
    assert!(message.contains("Row 4001"), "{message}");
    assert_eq!(snapshot(&db).await, before, "rows already written (several batches) were rolled back");
}

#[tokio::test]
async fn rejected_rows_come_back_as_a_csv_to_fix_and_reimport() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let path = write(&dir, "r.csv", "Email,First name,Time zone\ngood@example.com,Good,Europe/Berlin\nbad-address,Bad,\nzone@example.com,Zone,Mars/Base\n,,\n=1+2,Formula,\n");
    let s = import_file(&db, ImportKind::Contacts, &path).await;
    assert_eq!((s.counts.create, s.counts.reject), (1, 3));
    assert!(s.rejected[0].reason.contains("“bad-address” is not a valid e-mail address"), "{:?}", s.rejected);
    assert!(s.rejected[1].reason.starts_with("Time zone: "), "{:?}", s.rejected);
    let out = dir.path().join("rejects.csv");
    assert_eq!(import::write_rejects(&db, &s.import_id, &out).await.unwrap(), 3);
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Email,First name,Time zone,Reason");
    assert!(lines[1].starts_with("bad-address,Bad,,"), "{text}");
    assert!(lines[3].starts_with("'=1+2,Formula,"), "formula escaped for spreadsheets: {text}");
    // Fixed in a spreadsheet and imported again (the Reason column is simply ignored).
    let fixed = write(&dir, "fixed.csv", text.replace("bad-address", "bad@example.com").replace("Mars/Base", "Europe/Paris"));
    let again = import_file(&db, ImportKind::Contacts, &fixed).await;
    assert_eq!((again.counts.create, again.counts.reject), (2, 1), "{:?}", again.rejected);
    assert_eq!(by_email(&db, "zone@example.com").await.time_zone.as_deref(), Some("Europe/Paris"));
}

#[tokio::test]
async fn undo_trashes_created_records_and_restores_updated_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let jane = common::create_jane(&db).await;
    let stage_rows = scalar(&db, "SELECT count(*) FROM lifecycle_changes").await;
    let path = write(&dir, "u.csv", "Email,First name,Last name,Title,Phone,Tags,Company,Lifecycle stage,Marketing consent\njane.doe@example.com,,,Chief Baker,+49 30 901820,Imported,Crumb & Co,Customer,yes\nnew@example.com,Nina,New,,,,Crumb & Co,,\n");
    let mut opts = options(&db, ImportKind::Contacts, &path).await;
    opts.tags = vec!["Trade show 2026".into()];
    let s = run(&db, &opts).await.unwrap();
    assert_eq!((s.counts.create, s.counts.update), (1, 1));
    let changed = contacts::get(&db, &jane.id).await.unwrap();
    assert_eq!((changed.first_name.as_str(), changed.title.as_deref()), ("Jane", Some("Chief Baker")), "empty cells keep values");
    assert_eq!(changed.phones.len(), 2);
    assert!(changed.tags.contains(&"Imported".into()) && changed.tags.contains(&"Trade show 2026".into()));
    assert_eq!(changed.company.as_ref().unwrap().name, "Crumb & Co");
    assert_eq!(changed.lifecycle_history.len(), 2);
    assert_eq!(scalar(&db, "SELECT count(*) FROM consents WHERE purpose = 'marketing_email' AND granted AND source = 'Import: u.csv'").await, 1);
    assert_eq!(search::search(&db, "Chief Baker", Some(5)).await.unwrap()[0].id, jane.id, "search sees the update");
    let nina = by_email(&db, "new@example.com").await;
    assert_eq!(nina.lifecycle_history.len(), 1, "a created contact gets its first stage in history");

    let history = import::history(&db).await.unwrap();
    assert_eq!(history[0].id, s.import_id);
    assert_eq!((history[0].counts.create, history[0].counts.update, history[0].status), (1, 1, ImportStatus::Done));
    let undone = import::undo(&db, &s.import_id).await.unwrap();
    assert_eq!(undone.status, ImportStatus::Undone);
    assert!(undone.undone_at.is_some());
    let back = contacts::get(&db, &jane.id).await.unwrap();
    assert_eq!(back.title, jane.title);
    assert_eq!(back.phones, jane.phones);
    assert_eq!(back.emails, jane.emails);
    assert_eq!(back.tags, jane.tags);
    assert_eq!(back.company, None);
    assert_eq!(back.lifecycle_stage, jane.lifecycle_stage);
    assert_eq!(scalar(&db, "SELECT count(*) FROM lifecycle_changes").await, stage_rows + 1, "only Nina's first stage remains (on a trashed contact)");
    assert_eq!(scalar(&db, "SELECT count(*) FROM consents").await, 0);
    assert_eq!(scalar(&db, &format!("SELECT count(*) FROM contacts WHERE id = '{}' AND deleted_at IS NOT NULL", nina.id)).await, 1, "created contacts are trashed, not erased");
    assert_eq!(scalar(&db, "SELECT count(*) FROM contacts WHERE deleted_at IS NULL").await, 1);
    assert_eq!(scalar(&db, "SELECT count(*) FROM companies WHERE deleted_at IS NULL").await, 0, "the company it created is trashed too");
    assert!(search::search(&db, "Nina", Some(5)).await.unwrap().is_empty());
    assert!(search::search(&db, "Chief", Some(5)).await.unwrap().is_empty());
    assert_eq!(search::search(&db, "Jane", Some(5)).await.unwrap().len(), 1, "search triggers are back");
    let again = import::undo(&db, &s.import_id).await.unwrap_err();
    assert!(matches!(&again, CoreError::Conflict { message } if message.contains("already undone")), "{again:?}");
    assert!(matches!(import::undo(&db, "nope").await, Err(CoreError::NotFound { .. })));
}

#[tokio::test]
async fn xlsx_first_or_chosen_sheet_with_dates() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let path = dir.path().join("book.xlsx");
    let mut wb = Workbook::new();
    let first = wb.add_worksheet().set_name("Notes").unwrap();
    first.write_string(0, 0, "Memo").unwrap();
    first.write_string(1, 0, "nothing to import here").unwrap();
    let deals = wb.add_worksheet().set_name("Deals").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in ["Deal name", "Amount", "Close date", "Deal Stage", "Record ID"].iter().enumerate() {
        deals.write_string(0, c as u16, *h).unwrap();
    }
    deals.write_string(1, 0, "=HYPERLINK(\"http://evil\")").unwrap();
    deals.write_number(1, 1, 1234.5).unwrap();
    deals.write_datetime_with_format(1, 2, &ExcelDateTime::from_ymd(2026, 3, 31).unwrap(), &date).unwrap();
    deals.write_string(1, 3, "Negotiation").unwrap();
    deals.write_number(1, 4, 77.0).unwrap();
    wb.save(&path).unwrap();

    let info = import::open_file(&db, ImportKind::Deals, &path, None).await.unwrap();
    assert_eq!((info.sheets.len(), info.sheet.as_deref()), (2, Some("Notes")));
    let info = import::open_file(&db, ImportKind::Deals, &path, Some("deals")).await.unwrap();
    assert_eq!(info.sheet.as_deref(), Some("Deals"));
    assert_eq!(info.sample[0][2], "2026-03-31", "Excel serial → date");
    let (code, _) = validation(import::open_file(&db, ImportKind::Deals, &path, Some("Nope")).await.unwrap_err());
    assert_eq!(code, "unknown_sheet");
    let opts = ImportOptions { sheet: Some("Deals".into()), ..options(&db, ImportKind::Deals, &path).await };
    let opts = ImportOptions { mapping: info.suggested, ..opts };
    let s = run(&db, &opts).await.unwrap();
    assert_eq!(s.counts.create, 1, "{:?}", s.rejected);
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT title, value_minor, currency, expected_close, external_id FROM deals"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get_by_index::<String>(0).unwrap(), "=HYPERLINK(\"http://evil\")", "formula text kept, never evaluated");
    assert_eq!(row.try_get_by_index::<i64>(1).unwrap(), 123_450);
    assert_eq!(row.try_get_by_index::<String>(2).unwrap(), "EUR");
    assert_eq!(row.try_get_by_index::<chrono::NaiveDate>(3).unwrap().to_string(), "2026-03-31");
    assert_eq!(row.try_get_by_index::<String>(4).unwrap(), "77");
}

#[tokio::test]
async fn vcards_3_and_4() {
    let db = common::db().await;
    let info = import::open_file(&db, ImportKind::Contacts, &fixture("contacts-3.vcf"), None).await.unwrap();
    assert_eq!(info.format, import::FileFormat::Vcard);
    assert!(info.suggested.columns.iter().any(|c| c.header == "UID" && c.target == Target::Field { field: "external_id".into() }));
    import_file(&db, ImportKind::Contacts, &fixture("contacts-3.vcf")).await;
    let m = by_email(&db, "margaret@mit.example").await;
    assert_eq!((m.first_name.as_str(), m.last_name.as_str()), ("Margaret", "Hamilton"));
    assert_eq!(m.company.unwrap().name, "MIT Instrumentation Lab");
    assert_eq!(m.phones[0].label.as_deref(), Some("mobile"));
    assert_eq!(m.address.postal_code.as_deref(), Some("02139"));
    assert_eq!(m.notes.as_deref(), Some("Wrote the Apollo, flight software"));
    assert_eq!(m.tags, ["Apollo", "Software"]);
    let s = import_file(&db, ImportKind::Contacts, &fixture("contacts-4.vcf")).await;
    assert_eq!(s.counts.create, 2);
    let h = by_email(&db, "hedy@example.com").await;
    assert_eq!((h.first_name.as_str(), h.phones[0].phone.as_str()), ("Hedy", "+12135550142"));
    assert_eq!(by_email(&db, "mary@example.com").await.last_name, "Jackson", "FN split when N is absent");
    let again = import_file(&db, ImportKind::Contacts, &fixture("contacts-4.vcf")).await;
    assert_eq!((again.counts.create, again.counts.update), (0, 2), "UID/e-mail match on re-import");
}

#[tokio::test]
async fn deals_from_pipedrive_and_companies() {
    let db = common::db().await;
    common::create_jane(&db).await;
    let s = import_file(&db, ImportKind::Deals, &fixture("pipedrive-deals.csv")).await;
    assert_eq!(s.counts.create, 3, "{:?}", s.rejected);
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT d.title, d.value_minor, d.currency, d.status, s.name, d.expected_close, (SELECT count(*) FROM deal_contacts dc WHERE dc.deal_id = d.id), (SELECT count(*) FROM deal_stage_changes h WHERE h.deal_id = d.id) FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id ORDER BY d.external_id",
        ))
        .await
        .unwrap();
    let got: Vec<(String, i64, String, String, String, Option<chrono::NaiveDate>, i64, i64)> = rows
        .iter()
        .map(|r| (r.try_get_by_index(0).unwrap(), r.try_get_by_index(1).unwrap(), r.try_get_by_index(2).unwrap(), r.try_get_by_index(3).unwrap(), r.try_get_by_index(4).unwrap(), r.try_get_by_index(5).unwrap(), r.try_get_by_index(6).unwrap(), r.try_get_by_index(7).unwrap()))
        .collect();
    let d = |s: &str| Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
    assert_eq!(got[0], ("Website relaunch".into(), 123_450, "EUR".into(), "open".into(), "Proposal".into(), d("2026-03-31"), 1, 1));
    assert_eq!(got[1], ("Brand refresh".into(), 123_450, "EUR".into(), "won".into(), "Won".into(), d("2026-04-15"), 0, 1));
    assert_eq!(got[2].1, 90_000, "€900");
    assert_eq!(scalar(&db, "SELECT count(*) FROM companies WHERE name = 'Harbour Bakery'").await, 1);
    let again = import_file(&db, ImportKind::Deals, &fixture("pipedrive-deals.csv")).await;
    assert_eq!((again.counts.create, again.counts.update), (0, 3), "matched by Deal - ID");
    assert_eq!(scalar(&db, "SELECT max(version) FROM deals").await, 2);

    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "co.csv", "Company name,Website,Employees,Industry\nHarbour Bakery,https://www.harbour.example/about,12,Food\nNorth Mill,northmill.example,3000,\nNo site,not a site,,\n,x.example,,\n");
    let s = import_file(&db, ImportKind::Companies, &path).await;
    assert_eq!((s.counts.create, s.counts.update, s.counts.reject), (1, 1, 2), "{:?}", s.rejected);
    assert_eq!(scalar(&db, "SELECT count(*) FROM companies WHERE name = 'Harbour Bakery' AND domain = 'harbour.example' AND size_band = '11-50'").await, 1);
    assert_eq!(scalar(&db, "SELECT count(*) FROM companies WHERE size_band = '1000+'").await, 1);
    assert!(s.rejected.iter().any(|r| r.reason.contains("company name is missing")));
}

#[tokio::test]
async fn imported_contacts_are_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let path = write(&dir, "s.csv", "Full name,Email,Phone,Company\nXenia Quintero,xq@zebra.example,+1 415 555 2671,Zebra Works\n");
    import_file(&db, ImportKind::Contacts, &path).await;
    for q in ["Xenia", "quinter", "zebra", "2671"] {
        let hits = search::search(&db, q, Some(5)).await.unwrap();
        assert!(hits.iter().any(|h| h.title.contains("Xenia")), "{q}: {hits:?}");
    }
}

#[tokio::test]
async fn the_demo_has_one_import_to_look_at_and_undo() {
    let db = common::db().await;
    let summary = hearth_core::demo::load(&db).await.unwrap();
    let history = import::history(&db).await.unwrap();
    assert_eq!(history.len(), 1);
    let h = &history[0];
    assert_eq!((h.file_name.as_str(), h.kind, h.status), ("trade-show-badge-scans.csv", ImportKind::Contacts, ImportStatus::Done));
    assert_eq!((h.counts.create, h.counts.update, h.counts.reject), (0, 10, 2));
    assert_eq!(scalar(&db, "SELECT count(*) FROM contacts WHERE deleted_at IS NULL").await, summary.contacts as i64, "the demo keeps its size");
    let tagged = "SELECT count(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = 'Trade show 2026'";
    assert_eq!(scalar(&db, tagged).await, 10);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rejects.csv");
    assert_eq!(import::write_rejects(&db, &h.id, &out).await.unwrap(), 2);
    import::undo(&db, &h.id).await.unwrap();
    assert_eq!(scalar(&db, tagged).await, 0, "undo takes the tags off again");
    assert_eq!(scalar(&db, "SELECT count(*) FROM contacts WHERE notes LIKE '%Stand B1%'").await, 0);
}

#[tokio::test]
async fn live_counts_stay_right_through_import_undo_and_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::db().await;
    let count = |db: &DatabaseConnection| {
        let db = db.clone();
        async move { hearth_core::meta::status(&db).await.unwrap().contact_count }
    };
    let mut text = String::from("Email,First name,Company\n");
    for i in 0..3000 {
        text.push_str(&format!("p{i}@counts.example,P{i},Counting Co {}\n", i % 3));
    }
    let path = write(&dir, "counts.csv", text);
    let opts = options(&db, ImportKind::Contacts, &path).await;

    let stop = AtomicBool::new(false);
    let cancelled = import::run(&db, &opts, &|_| stop.store(true, std::sync::atomic::Ordering::SeqCst), &stop).await;
    assert!(matches!(cancelled, Err(CoreError::Cancelled { .. })), "{cancelled:?}");
    assert_eq!(count(&db).await, 0);

    run(&db, &opts).await.unwrap();
    assert_eq!(count(&db).await, 3000, "recounted after the bulk write");
    assert_eq!(hearth_core::meta::status(&db).await.unwrap().company_count, 3);
    hearth_core::contacts::create(&db, hearth_core::contacts::ContactInput::named("After", "Import")).await.unwrap();
    assert_eq!(count(&db).await, 3001, "the counting triggers are back");
    let id = import::history(&db).await.unwrap()[0].id.clone();
    import::undo(&db, &id).await.unwrap();
    assert_eq!(count(&db).await, 1);
    assert_eq!(hearth_core::meta::status(&db).await.unwrap().company_count, 0);
}
