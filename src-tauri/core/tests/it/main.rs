//! The domain's integration tests, one binary (each file a module: linking one test binary per file cost minutes in CI).

mod activities;
mod backups;
mod common;
mod contacts;
mod deals;
mod duplicates;
mod export;
mod fuzz_bodies;
mod generate;
mod history;
mod history_everywhere;
mod hygiene;
mod import;
mod import_large;
mod import_repeats;
mod opening;
mod privacy;
mod scoring;
mod search;
mod segments;
mod sequences;
mod sequences_mail;
mod smtp_sink;
mod storage;
mod tiers_personas;
