//! `ui/src/bindings.ts` is generated from the command registry; this fails when it is stale.
//! Regenerate with `cargo xtask bindings` (or `UPDATE_BINDINGS=1 cargo test --test app bindings`).

#[test]
fn bindings_are_up_to_date() {
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    hearth_app::export_bindings(&fresh).expect("export");
    let fresh = std::fs::read_to_string(fresh).unwrap();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh).unwrap();
        return;
    }
    let old = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        old == fresh,
        "ui/src/bindings.ts is stale: run `cargo xtask bindings` and commit the result"
    );
}
