//! Export: CSV bytes (BOM, quoting, CRLF, injection escaping), XLSX read back, vCard escaping
//! and folding, filters respected, the full ZIP with its manifest, and failures that leave no
//! file under the chosen name.

use crate::common;

use calamine::{Data, Reader, Xlsx};
use common::{company, create_jane, db};
use hearth_core::companies::{self, CompanyInput, CompanyQuery};
use hearth_core::contacts::{self, ContactFilter, ContactInput, ContactQuery, ContactSort, EmailInput, PhoneInput};
use hearth_core::deals::{self, DealFilter, DealInput, DealQuery, NewDeal};
use hearth_core::export::{self, escape_cell, format_money, ExportFormat, ExportList, CONTACT_COLUMNS};
use hearth_core::lifecycle::LifecycleStage;
use hearth_core::{pipelines, CoreError, DatabaseConnection};
use std::io::Read;
use std::path::Path;

fn contacts_list(query: ContactQuery) -> ExportList {
    ExportList::Contacts { query }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("exported file")
}

/// The CSV's records (BOM stripped), parsed back with the csv crate.
fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(export::BOM).expect("starts with the UTF-8 BOM");
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(body);
    r.records().map(|rec| rec.unwrap().iter().map(str::to_string).collect()).collect()
}

#[test]
fn injection_rule_escapes_formulas_but_not_numbers_or_phones() {
    for plain in ["-12.50", "+44 20 7946 0958", "+1 (555) 123-4567", "-5", "1,234.50", "Jane", "", "a=b"] {
        assert_eq!(escape_cell(plain), plain, "{plain:?} stays as it is");
    }
    for risky in ["=1+2", "=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tlead", "\rx", "-", "+", "+1 2=3", "-1e5"] {
        assert_eq!(escape_cell(risky), format!("'{risky}"), "{risky:?} is escaped");
    }
}

#[test]
fn money_uses_the_currency_minor_units() {
    assert_eq!(format_money(123_450, "EUR"), "1234.50");
    assert_eq!(format_money(5, "usd"), "0.05");
    assert_eq!(format_money(-1_250, "GBP"), "-12.50");
    assert_eq!(format_money(1_200, "JPY"), "1200");
    assert_eq!(format_money(1_234_567, "KWD"), "1234.567");
}

#[tokio::test]
async fn contacts_csv_has_bom_crlf_quoting_and_escaped_formulas() {
    let db = db().await;
    let co = company(&db, "Acme, \"Quoted\" Ltd").await;
    let mut c = ContactInput::named("=HYPERLINK(\"http://evil\")", "Smith");
    c.company_id = Some(co);
    c.emails = vec![
        EmailInput { email: "first@example.com".into(), label: None, is_primary: false },
        EmailInput { email: "main@example.com".into(), label: None, is_primary: true },
    ];
    c.phones = vec![
        PhoneInput { phone: "+44 7911 123456".into(), label: Some("mobile".into()), is_primary: true },
        PhoneInput { phone: "+44 20 7946 0958".into(), label: Some("work".into()), is_primary: false },
    ];
    c.notes = Some("Line one\nline two, with \"quotes\"".into());
    c.tags = vec!["vip".into(), "bakery".into()];
    c.lifecycle_stage = LifecycleStage::Retention;
    c.do_not_contact = true;
    let smith = contacts::create(&db, c).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contacts.csv");
    let s = export::export_list(&db, &contacts_list(ContactQuery::default()), ExportFormat::Csv, &path).await.unwrap();
    assert_eq!(s.rows, 1);
    let bytes = read(&path);
    assert_eq!(s.bytes, bytes.len() as i64);
    assert!(bytes.starts_with(b"\xEF\xBB\xBFFirst name,Last name,Email,Email 2,Phone,Mobile,Title,Company,"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("External ID\r\n"), "header ends with CRLF");
    assert!(text.ends_with("\r\n"));
    // RFC 4180: quotes doubled, fields with commas, quotes or line breaks quoted.
    assert!(text.contains(r#""'=HYPERLINK(""http://evil"")",Smith,main@example.com,first@example.com,"#), "{text}");
    assert!(text.contains(r#","Acme, ""Quoted"" Ltd","#), "{text}");
    assert!(text.contains("\"Line one\nline two, with \"\"quotes\"\"\""), "{text}");
    let rows = records(&bytes);
    assert_eq!(rows[0], CONTACT_COLUMNS.to_vec());
    let row = &rows[1];
    let col = |h: &str| row[CONTACT_COLUMNS.iter().position(|c| *c == h).unwrap()].clone();
    assert_eq!(col("Phone"), "+44 20 7946 0958", "a phone number is not escaped");
    assert_eq!(col("Mobile"), "+44 7911 123456");
    assert_eq!(col("Tags"), "bakery, vip");
    assert_eq!(col("Lifecycle stage"), "Customer");
    assert_eq!(col("Do not contact"), "Yes");
    assert_eq!(col("External ID"), smith.id, "without an external id, the Hearth id");
}

#[tokio::test]
async fn an_export_of_a_filtered_list_has_exactly_the_filtered_rows_in_order() {
    let db = db().await;
    for (first, last, tag, stage) in [
        ("Ann", "Zed", "vip", LifecycleStage::Retention),
        ("Bob", "Young", "vip", LifecycleStage::Reach),
        ("Cid", "Xu", "other", LifecycleStage::Retention),
        ("Dee", "Abbot", "vip", LifecycleStage::Retention),
    ] {
        let mut c = ContactInput::named(first, last);
        c.tags = vec![tag.into()];
        c.lifecycle_stage = stage;
        contacts::create(&db, c).await.unwrap();
    }
    let trashed = contacts::create(&db, {
        let mut c = ContactInput::named("Eve", "Trash");
        c.tags = vec!["vip".into()];
        c.lifecycle_stage = LifecycleStage::Retention;
        c
    })
    .await
    .unwrap();
    contacts::delete(&db, &trashed.id).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vip.csv");
    let query = ContactQuery {
        filter: ContactFilter { tag: Some("VIP".into()), stage: Some(LifecycleStage::Retention), ..Default::default() },
        sort: ContactSort::Name,
        direction: hearth_core::common::SortDirection::Desc,
        offset: 40,
        limit: Some(1),
    };
    let s = export::export_list(&db, &contacts_list(query), ExportFormat::Csv, &path).await.unwrap();
    assert_eq!(s.rows, 2, "offset and limit are ignored; the trashed contact is not a row");
    let names: Vec<String> = records(&read(&path))[1..].iter().map(|r| r[1].clone()).collect();
    assert_eq!(names, ["Zed", "Abbot"], "the list's sort (last name, descending)");

    // Text search filter, through the search index.
    let path = dir.path().join("search.csv");
    let q = ContactQuery { filter: ContactFilter { text: Some("young".into()), ..Default::default() }, ..Default::default() };
    export::export_list(&db, &contacts_list(q), ExportFormat::Csv, &path).await.unwrap();
    assert_eq!(records(&read(&path)).len(), 2);
}

#[tokio::test]
async fn more_rows_than_one_chunk_keep_the_list_order() {
    let db = db().await;
    for i in 0..1_100 {
        contacts::create(&db, ContactInput::named("P", &format!("N{i:04}"))).await.unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.csv");
    let s = export::export_list(&db, &contacts_list(ContactQuery::default()), ExportFormat::Csv, &path).await.unwrap();
    assert_eq!(s.rows, 1_100);
    let rows = records(&read(&path));
    let last: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    let mut sorted = last.clone();
    sorted.sort();
    assert_eq!(last, sorted);
    assert_eq!(last.len(), 1_100);
}

async fn deal_setup(db: &DatabaseConnection) -> (String, String) {
    let pipeline = pipelines::list(db).await.unwrap().remove(0);
    let jane = create_jane(db).await;
    let acme = companies::create(db, CompanyInput { tags: vec!["key".into()], ..CompanyInput::named("Acme") }).await.unwrap();
    let mut d = DealInput::titled("=Website rebuild", 123_450, "EUR");
    d.contact_ids = vec![jane.id.clone()];
    d.company_id = Some(acme.id.clone());
    d.tags = vec!["web".into()];
    d.expected_close = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
    d.probability = Some(40);
    deals::create(db, NewDeal { pipeline_id: pipeline.id.clone(), stage_id: None, deal: d }).await.unwrap();
    let other = DealInput::titled("Logo", 50_000, "JPY");
    deals::create(db, NewDeal { pipeline_id: pipeline.id.clone(), stage_id: None, deal: other }).await.unwrap();
    (pipeline.id, acme.id)
}

#[tokio::test]
async fn deals_csv_and_xlsx_read_back() {
    let db = db().await;
    let (_, acme) = deal_setup(&db).await;
    let dir = tempfile::tempdir().unwrap();
    let q = DealQuery { filter: DealFilter { company_id: Some(acme), ..Default::default() }, ..Default::default() };
    let csv_path = dir.path().join("deals.csv");
    let s = export::export_list(&db, &ExportList::Deals { query: q.clone() }, ExportFormat::Csv, &csv_path).await.unwrap();
    assert_eq!(s.rows, 1, "the company filter keeps one deal");
    let rows = records(&read(&csv_path));
    assert_eq!(rows[0], export::DEAL_COLUMNS.to_vec());
    assert_eq!(rows[1][..11], [
        "'=Website rebuild", "1234.50", "EUR", "Sales", &rows[1][4], "open", "2026-12-31", "", "Acme", "jane.doe@example.com", "40",
    ]);
    assert_eq!(rows[1][13], "web");

    let xlsx_path = dir.path().join("deals.xlsx");
    export::export_list(&db, &ExportList::Deals { query: q }, ExportFormat::Xlsx, &xlsx_path).await.unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx_path).unwrap();
    assert_eq!(book.sheet_names(), ["Deals"]);
    let range = book.worksheet_range("Deals").unwrap();
    assert_eq!(range.get_size(), (2, 15));
    assert_eq!(range.get((0, 0)), Some(&Data::String("Title".into())));
    assert_eq!(range.get((1, 0)), Some(&Data::String("=Website rebuild".into())), "a string, not a formula, not escaped");
    assert_eq!(range.get((1, 1)), Some(&Data::Float(1234.5)), "the value is a number");
    assert_eq!(range.get((1, 8)), Some(&Data::String("Acme".into())));
    assert!(book.worksheet_formula("Deals").unwrap().used_cells().next().is_none(), "no formulas at all");
}

#[tokio::test]
async fn companies_and_contacts_xlsx_match_the_csv_columns() {
    let db = db().await;
    let mut input = CompanyInput::named("+Plus Bakery");
    input.tags = vec!["bread".into()];
    input.domain = Some("plus.example".into());
    companies::create(&db, input).await.unwrap();
    companies::create(&db, CompanyInput::named("Other")).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("companies.xlsx");
    let q = CompanyQuery { tag: Some("bread".into()), ..Default::default() };
    let s = export::export_list(&db, &ExportList::Companies { query: q }, ExportFormat::Xlsx, &path).await.unwrap();
    assert_eq!(s.rows, 1);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let range = book.worksheet_range("Companies").unwrap();
    let header: Vec<String> = (0..14).map(|c| range.get((0, c)).unwrap().to_string()).collect();
    assert_eq!(header, export::COMPANY_COLUMNS.to_vec());
    assert_eq!(range.get((1, 0)), Some(&Data::String("+Plus Bakery".into())));
    assert_eq!(range.get((1, 1)), Some(&Data::String("plus.example".into())));
    assert_eq!(range.get((1, 6)), Some(&Data::String("bread".into())));
}

#[test]
fn vcard_escapes_and_folds_at_75_octets() {
    assert_eq!(export::vcard_escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    let long = format!("NOTE:{}", "é".repeat(60));
    let folded = export::vcard_fold(&long);
    for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75, "{} octets", line.len());
    }
    let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
    assert_eq!(unfolded, long, "unfolding gives the line back, no character split");
}

#[tokio::test]
async fn vcards_of_a_list() {
    let db = db().await;
    let jane = create_jane(&db).await;
    let mut c = ContactInput::named("Jo;hn", "O'Brien, Jr");
    c.notes = Some(format!("Met at the fair; likes {}\nSecond line", "long words ".repeat(12)));
    c.address.city = Some("Saint-Malo".into());
    c.address.country = Some("FR".into());
    contacts::create(&db, c).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.vcf");
    let s = export::export_list(&db, &contacts_list(ContactQuery::default()), ExportFormat::Vcard, &path).await.unwrap();
    assert_eq!(s.rows, 2);
    let text = String::from_utf8(read(&path)).unwrap();
    assert_eq!(text.matches("BEGIN:VCARD\r\nVERSION:4.0\r\n").count(), 2);
    assert!(text.lines().all(|l| l.trim_end_matches('\r').len() <= 75));
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("FN:Jo\\;hn O'Brien\\, Jr\r\n"), "{unfolded}");
    assert!(unfolded.contains("N:O'Brien\\, Jr;Jo\\;hn;;;\r\n"));
    assert!(unfolded.contains("NOTE:Met at the fair\\; likes long words "));
    assert!(unfolded.contains("\\nSecond line\r\n"));
    assert!(unfolded.contains("ADR:;;;Saint-Malo;;;FR\r\n"));
    assert!(unfolded.contains(&format!("UID:urn:uuid:{}\r\n", jane.id)));
    assert!(unfolded.contains("EMAIL;TYPE=work;PREF=1:jane.doe@example.com\r\n"), "{unfolded}");
    assert!(unfolded.contains("TEL;VALUE=text;PREF=1:+44 20 7946 0958\r\n"));
    assert!(unfolded.contains("CATEGORIES:newsletter,VIP\r\n"), "{unfolded}");
    assert!(unfolded.contains("TITLE:Owner\r\n"));

    let err = export::export_list(&db, &ExportList::Companies { query: CompanyQuery::default() }, ExportFormat::Vcard, &dir.path().join("c.vcf"))
        .await
        .unwrap_err();
    assert!(matches!(&err, CoreError::Validation { errors } if errors[0].code == "vcard_contacts_only"), "{err:?}");
    assert!(!dir.path().join("c.vcf").exists());
}

fn zip_entries(path: &Path) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            assert_eq!(f.compression(), zip::CompressionMethod::Deflated);
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

#[tokio::test]
async fn full_export_is_a_zip_of_every_table_with_a_manifest() {
    let db = db().await;
    deal_setup(&db).await;
    let gone = contacts::create(&db, ContactInput::named("Trashed", "Person")).await.unwrap();
    contacts::delete(&db, &gone.id).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("everything.zip");
    let s = export::export_all(&db, &path).await.unwrap();
    let entries = zip_entries(&path);
    let names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    for want in [
        "contacts.csv", "contact_emails.csv", "contact_phones.csv", "companies.csv", "deals.csv", "deal_lines.csv",
        "deal_contacts.csv", "deal_stage_changes.csv", "activities.csv", "tags.csv", "contact_tags.csv", "company_tags.csv",
        "deal_tags.csv", "pipelines.csv", "pipeline_stages.csv", "lead_sources.csv", "lost_reasons.csv", "consents.csv",
        "lifecycle_changes.csv", "imports.csv", "manifest.json",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    let manifest: serde_json::Value = serde_json::from_str(&entries.iter().find(|e| e.0 == "manifest.json").unwrap().1).unwrap();
    assert_eq!(manifest["app"], "Hearth CRM");
    assert_eq!(manifest["schema_version"], hearth_migrations::schema_version());
    assert!(manifest["app_version"].as_str().is_some_and(|v| !v.is_empty()));
    assert!(manifest["exported_at"].as_str().is_some());
    let mut total = 0;
    for f in manifest["files"].as_array().unwrap() {
        let name = f["name"].as_str().unwrap();
        let body = &entries.iter().find(|e| e.0 == name).unwrap().1;
        let rows = records(body.as_bytes());
        let columns: Vec<String> = f["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
        assert_eq!(rows[0], columns, "{name}: header = manifest columns");
        assert_eq!(rows.len() as u64 - 1, f["rows"].as_u64().unwrap(), "{name}: row count");
        total += rows.len() - 1;
    }
    assert_eq!(s.rows as usize, total);
    let contacts_csv = records(entries.iter().find(|e| e.0 == "contacts.csv").unwrap().1.as_bytes());
    assert_eq!(contacts_csv.len(), 3, "live and trashed contacts");
    let deleted_at = contacts_csv[0].iter().position(|c| c == "deleted_at").unwrap();
    let trashed = contacts_csv.iter().find(|r| r[0] == gone.id).expect("raw ids");
    assert!(!trashed[deleted_at].is_empty());
    let deals_csv = records(entries.iter().find(|e| e.0 == "deals.csv").unwrap().1.as_bytes());
    assert!(deals_csv.iter().any(|r| r.contains(&"'=Website rebuild".to_string())), "escaped in the dump too");
}

#[tokio::test]
async fn full_export_pages_through_large_tables() {
    let db = db().await;
    for i in 0..2_100 {
        contacts::create(&db, ContactInput::named("Q", &format!("{i}"))).await.unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.zip");
    export::export_all(&db, &path).await.unwrap();
    let entries = zip_entries(&path);
    let rows = records(entries.iter().find(|e| e.0 == "contacts.csv").unwrap().1.as_bytes());
    let mut ids: Vec<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len(), 2_100);
    ids.dedup();
    assert_eq!(ids.len(), 2_100, "each row once across pages");
}

#[tokio::test]
async fn a_failed_export_leaves_no_file_under_the_chosen_name() {
    let db = db().await;
    create_jane(&db).await;
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist: a clear error, nothing written.
    let err = export::export_all(&db, &dir.path().join("missing/out.zip")).await.unwrap_err();
    assert!(matches!(&err, CoreError::Validation { errors } if errors[0].code == "no_folder"), "{err:?}");
    // A failure halfway (a table missing): the earlier name keeps its old content, no temp file stays.
    let target = dir.path().join("backup.zip");
    std::fs::write(&target, b"previous backup").unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(&db, "DROP TABLE consents").await.unwrap();
    let err = export::export_all(&db, &target).await.unwrap_err();
    assert!(matches!(err, CoreError::Storage { .. }), "{err:?}");
    assert_eq!(std::fs::read(&target).unwrap(), b"previous backup");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, [std::ffi::OsString::from("backup.zip")], "no half-written file");
    let fresh = dir.path().join("fresh.zip");
    assert!(export::export_all(&db, &fresh).await.is_err());
    assert!(!fresh.exists());
    // A folder as the target.
    let err = export::export_list(&db, &contacts_list(ContactQuery::default()), ExportFormat::Csv, dir.path()).await.unwrap_err();
    assert!(matches!(err, CoreError::Validation { .. }));
}

#[test]
fn suggested_names() {
    let n = export::suggested_name("contacts", ExportFormat::Vcard);
    assert!(n.starts_with("hearth-contacts-") && n.ends_with(".vcf"), "{n}");
}

// ---------------------------------------------------------------------------------------------
// Round trip: export contacts, companies and deals as CSV, import them into a fresh database
// with the importer's suggested mapping, and find the same data; importing again updates.

use hearth_core::import::{self, ImportKind, ImportOptions, MatchBy, OnMatch};

/// A contact as comparable values (ids aside).
fn contact_key(c: &hearth_core::contacts::ContactDetail) -> String {
    let emails: Vec<&str> = c.emails.iter().map(|e| e.email.as_str()).collect();
    let phones: Vec<&str> = c.phones.iter().map(|p| p.phone.as_str()).collect();
    format!(
        "{}|{}|{:?}|{:?}|{emails:?}|{phones:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}",
        c.first_name,
        c.last_name,
        c.title,
        c.company.as_ref().map(|x| &x.name),
        c.address,
        c.time_zone,
        c.owner,
        c.notes,
        c.tags,
        (c.lifecycle_stage, c.lead_source.as_ref().map(|s| &s.name)),
        c.do_not_contact
    )
}

async fn all_contacts(db: &DatabaseConnection) -> Vec<String> {
    let page = contacts::list(db, &ContactQuery { limit: Some(500), ..Default::default() }).await.unwrap();
    let mut out = Vec::new();
    for r in page.rows {
        out.push(contact_key(&contacts::get(db, &r.id).await.unwrap()));
    }
    out.sort();
    out
}

async fn all_companies(db: &DatabaseConnection) -> Vec<String> {
    let page = companies::list(db, &CompanyQuery { limit: Some(500), ..Default::default() }).await.unwrap();
    let mut out = Vec::new();
    for r in page.rows {
        let c = companies::get(db, &r.id).await.unwrap();
        out.push(format!("{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}", c.name, c.domain, c.industry, c.size_band, c.phone, c.owner, c.address, c.notes, c.tags));
    }
    out.sort();
    out
}

async fn all_deals(db: &DatabaseConnection) -> Vec<String> {
    let page = deals::list(db, &DealQuery { limit: Some(500), ..Default::default() }).await.unwrap();
    let mut out = Vec::new();
    for card in page.cards {
        let d = deals::get(db, &card.id).await.unwrap();
        let contacts: Vec<&str> = d.contacts.iter().map(|c| c.name.as_str()).collect();
        out.push(format!(
            "{}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}|{contacts:?}|{}|{}|{:?}|{:?}|{:?}",
            d.title, d.value_minor, d.currency, d.stage.name, d.status, d.expected_close, d.owner, d.company.as_ref().map(|c| &c.name),
            d.probability, d.probability_overridden, d.lost_reason.as_ref().map(|r| &r.name), d.notes, d.tags
        ));
    }
    out.sort();
    out
}

async fn import_file(db: &DatabaseConnection, kind: ImportKind, path: &Path) -> import::ImportSummary {
    let info = import::open_file(db, kind, path, None).await.unwrap();
    let opts = ImportOptions {
        kind,
        path: path.display().to_string(),
        sheet: None,
        mapping: info.suggested,
        on_match: OnMatch::Update,
        match_by: vec![MatchBy::ExternalId, MatchBy::Email],
        tags: vec![],
    };
    let s = import::run(db, &opts, &|_| {}, &std::sync::atomic::AtomicBool::new(false)).await.unwrap();
    assert!(s.rejected.is_empty(), "{kind:?}: {:?}", s.rejected);
    s
}

#[tokio::test]
async fn export_then_import_gives_the_same_data() {
    let a = db().await;
    let sources = hearth_core::lead_sources::list(&a).await.unwrap();
    let mut acme = CompanyInput::named("Acme, \"Bakers\" Ltd");
    acme.domain = Some("acme.example".into());
    acme.industry = Some("Food".into());
    acme.size_band = Some(hearth_core::companies::SizeBand::Small);
    acme.phone = Some("+44 20 7946 0000".into());
    acme.owner = Some("Sam".into());
    acme.notes = Some("=SUM(1,2) is not a formula\nSecond line".into());
    acme.tags = vec!["key".into(), "food".into()];
    acme.address.city = Some("London".into());
    acme.address.country = Some("GB".into());
    let acme = companies::create(&a, acme).await.unwrap();
    companies::create(&a, CompanyInput::named("-Minus Co")).await.unwrap();

    let mut jane = common::jane();
    jane.company_id = Some(acme.id.clone());
    jane.lifecycle_stage = LifecycleStage::Conversion;
    jane.lead_source_id = Some(sources[0].id.clone());
    jane.owner = Some("Sam".into());
    jane.time_zone = Some("Europe/London".into());
    jane.address.street = Some("1 High Street".into());
    jane.address.postal_code = Some("N1 9GU".into());
    jane.emails.push(EmailInput { email: "jane@home.example".into(), label: Some("home".into()), is_primary: false });
    jane.emails[0].is_primary = true;
    jane.phones.push(PhoneInput { phone: "+44 7911 123456".into(), label: Some("mobile".into()), is_primary: false });
    let jane = contacts::create(&a, jane).await.unwrap();
    let mut dana = ContactInput::named("+Dana", "Whitfield");
    dana.do_not_contact = true;
    dana.emails = vec![EmailInput { email: "dana@example.org".into(), label: None, is_primary: true }];
    dana.notes = Some("@mention, \"quoted\"; semi".into());
    contacts::create(&a, dana).await.unwrap();

    let pipeline = pipelines::list(&a).await.unwrap().remove(0);
    let mut d = DealInput::titled("Website rebuild", 123_450, "EUR");
    d.contact_ids = vec![jane.id.clone()];
    d.company_id = Some(acme.id.clone());
    d.owner = Some("Sam".into());
    d.expected_close = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
    d.probability = Some(35);
    d.tags = vec!["web".into()];
    d.notes = Some("Phase 1, then -2".into());
    deals::create(&a, NewDeal { pipeline_id: pipeline.id.clone(), stage_id: Some(pipeline.stages[2].id.clone()), deal: d }).await.unwrap();
    let lost = deals::create(&a, NewDeal { pipeline_id: pipeline.id.clone(), stage_id: None, deal: DealInput::titled("Logo", 50_000, "JPY") })
        .await
        .unwrap();
    let lost_stage = pipeline.stages.iter().find(|s| s.kind == pipelines::StageKind::Lost).unwrap();
    let reason = hearth_core::lost_reasons::list(&a).await.unwrap().remove(0);
    deals::move_deal(&a, deals::DealMove {
        deal_id: lost.id.clone(),
        stage_id: lost_stage.id.clone(),
        after_id: None,
        expected_version: lost.version,
        lost_reason_id: Some(reason.id.clone()),
        lost_note: None,
    })
    .await
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let files = [
        (ImportKind::Companies, ExportList::Companies { query: CompanyQuery::default() }, "companies.csv"),
        (ImportKind::Contacts, ExportList::Contacts { query: ContactQuery::default() }, "contacts.csv"),
        (ImportKind::Deals, ExportList::Deals { query: DealQuery::default() }, "deals.csv"),
    ];
    for (_, list, name) in &files {
        export::export_list(&a, list, ExportFormat::Csv, &dir.path().join(name)).await.unwrap();
    }
    let b = db().await;
    for (kind, _, name) in &files {
        let s = import_file(&b, *kind, &dir.path().join(name)).await;
        assert_eq!(s.counts.update, 0, "{kind:?}: all created");
    }
    let (companies_a, contacts_a, deals_a) = (all_companies(&a).await, all_contacts(&a).await, all_deals(&a).await);
    assert_eq!((companies_a.len(), contacts_a.len(), deals_a.len()), (2, 2, 2));
    assert!(contacts_a.iter().any(|c| c.contains("jane@home.example") && c.contains("+447911123456") && c.contains("Acme")), "{contacts_a:?}");
    assert_eq!(all_companies(&b).await, companies_a);
    assert_eq!(all_contacts(&b).await, contacts_a);
    assert_eq!(all_deals(&b).await, deals_a);

    // The same files again: matched by External ID, nothing duplicated, nothing changed.
    for (kind, _, name) in &files {
        let s = import_file(&b, *kind, &dir.path().join(name)).await;
        assert_eq!(s.counts.create, 0, "{kind:?}: a re-import updates instead of duplicating");
    }
    assert_eq!(all_contacts(&b).await, all_contacts(&a).await);
    assert_eq!(all_deals(&b).await, all_deals(&a).await);
    assert_eq!(all_companies(&b).await, all_companies(&a).await);
}
