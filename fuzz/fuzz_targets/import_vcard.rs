//! Any bytes as an import file named `*.vcf`: detection, decoding and every row.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hearth_core::fuzzing::import_file(data, "vcf");
});
