// Reports the first paint of the bare baseline window (see src-tauri/src/perf.rs).
requestAnimationFrame(() =>
  requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("perf_mark", { mark: "painted" })),
);
