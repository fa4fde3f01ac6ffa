//! The fuzz targets' bodies (`fuzz/`, run with cargo fuzz) on random and mutated input in every
//! `cargo test`, so they never rot: real import files with bytes flipped, cut or inserted, pure
//! noise, and random text through the value parsers. Any answer is fine but a panic.
use crate::common;

use hearth_core::contacts::ContactQuery;
use hearth_core::export::{self, ExportFormat, ExportList};
use hearth_core::fuzzing;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A real XLSX, written by the exporter.
fn xlsx() -> Vec<u8> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let db = common::db().await;
        common::create_jane(&db).await;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("contacts.xlsx");
        export::export_list(&db, &ExportList::Contacts { query: ContactQuery::default() }, ExportFormat::Xlsx, &path).await.unwrap();
        std::fs::read(&path).unwrap()
    })
}

#[derive(Debug, Clone)]
enum Change {
    Flip(prop::sample::Index, u8),
    Cut(prop::sample::Index),
    Insert(prop::sample::Index, Vec<u8>),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Change::Flip(i, b)),
        any::<prop::sample::Index>().prop_map(Change::Cut),
        (any::<prop::sample::Index>(), prop::collection::vec(prop_oneof![Just(b'"'), Just(b','), Just(b'\n'), Just(b'\r'), Just(0u8), Just(0xFF), any::<u8>()], 1..16))
            .prop_map(|(i, b)| Change::Insert(i, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, changes: &[Change]) -> Vec<u8> {
    for c in changes {
        if bytes.is_empty() {
            break;
        }
        match c {
            Change::Flip(i, b) => {
                let at = i.index(bytes.len());
                bytes[at] ^= b | 1;
            }
            Change::Cut(i) => bytes.truncate(i.index(bytes.len())),
            Change::Insert(i, b) => {
                let at = i.index(bytes.len());
                bytes.splice(at..at, b.iter().copied());
            }
        }
    }
    bytes
}

#[test]
fn real_import_files_read_whole_and_damaged_copies_never_panic() {
    let files = [
        ("google-contacts.csv", "csv", fixture("google-contacts.csv")),
        ("hubspot-contacts.csv", "csv", fixture("hubspot-contacts.csv")),
        ("pipedrive-deals.csv", "csv", fixture("pipedrive-deals.csv")),
        ("contacts-3.vcf", "vcf", fixture("contacts-3.vcf")),
        ("contacts-4.vcf", "vcf", fixture("contacts-4.vcf")),
        ("contacts.xlsx", "xlsx", xlsx()),
    ];
    for (name, ext, bytes) in &files {
        let rows = fuzzing::import_file(bytes, ext).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(rows > 0, "{name} has rows");
    }
    let mut runner = TestRunner::new(Config { cases: 300, failure_persistence: None, ..Config::default() });
    runner
        .run(&(0..files.len(), prop::collection::vec(change(), 1..6)), |(which, changes)| {
            let (_, ext, bytes) = &files[which];
            let _ = fuzzing::import_file(&apply(bytes.clone(), &changes), ext);
            Ok(())
        })
        .unwrap();
}

#[test]
fn noise_as_any_kind_of_file_never_panics() {
    let mut runner = TestRunner::new(Config { cases: 200, failure_persistence: None, ..Config::default() });
    runner
        .run(&(prop::sample::select(vec!["csv", "tsv", "txt", "vcf", "xlsx"]), prop::collection::vec(any::<u8>(), 0..2048)), |(ext, bytes)| {
            let _ = fuzzing::import_file(&bytes, ext);
            Ok(())
        })
        .unwrap();
    // Files that must be refused with a reason rather than read.
    assert!(fuzzing::import_file(b"", "csv").unwrap_err().contains("empty"));
    assert!(fuzzing::import_file(b"\x00\x01\x02\x03binary\x00\x00", "csv").is_err());
}

#[test]
fn the_value_parsers_take_any_text() {
    let mut runner = TestRunner::new(Config { cases: 2000, failure_persistence: None, ..Config::default() });
    runner
        .run(&prop_oneof!["\\PC{0,40}", "[0-9./: +-]{0,30}", "[0-9]{1,40}[.,][0-9]{0,40}", "\\p{Any}{0,20}"], |text| {
            fuzzing::values(&text);
            Ok(())
        })
        .unwrap();
    for extreme in ["99999999999999999999999", "-0", "1e308", "31/02/2026", "2026-02-31", "+262143-01-01", "٣١/١٢/٢٠٢٦", "€ 1.234.567,89"] {
        fuzzing::values(extreme);
    }
}
