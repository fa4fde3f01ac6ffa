// Hearth CRM desktop app entry point.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    hearth_app::rendering::choose_renderer();
    hearth_app::perf::started();
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--export-bindings") {
        let path = args.get(i + 1).map(String::as_str).unwrap_or("ui/src/bindings.ts");
        if let Err(e) = hearth_app::export_bindings(std::path::Path::new(path)) {
            eprintln!("could not export bindings: {e}");
            std::process::exit(1);
        }
        return;
    }
    let db = args.iter().position(|a| a == "--db").and_then(|i| args.get(i + 1)).map(std::path::PathBuf::from);
    let mode = if args.iter().any(|a| a == "--perf-minimal") { hearth_app::Mode::PerfMinimal } else { hearth_app::Mode::Normal };
    hearth_app::run(db, mode);
}
