//! Any text through the import's value parsers: dates, amounts, yes/no, domains, sizes, stages.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    hearth_core::fuzzing::values(&String::from_utf8_lossy(data));
});
