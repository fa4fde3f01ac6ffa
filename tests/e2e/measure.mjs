// `cargo xtask measure`: start-up, memory and scrolling of the real release app on the
// reference database, under Xvfb. Prints a JSON summary (and writes artifacts/measure.json).
//  - start-up: launch → first contacts list painted (HEARTH_PERF=exit), next to a bare Tauri
//    window of the same binary (--perf-minimal) measured the same way, alternating, 5 runs each;
//  - scrolling: through tauri-driver, the contacts list is scrolled from top to bottom, one step
//    per frame, and every frame's duration is recorded in the page;
//  - memory: RSS of the app process (and, apart, WebKit's processes) after that scroll.

import { spawn, execFileSync } from "node:child_process";
import { connect } from "node:net";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

const here = dirname(fileURLToPath(import.meta.url));
const app = process.env.HEARTH_APP ?? join(here, "../../target/release/hearth");
const db = process.env.HEARTH_REFERENCE_DB;
if (!db || !existsSync(db)) throw new Error("HEARTH_REFERENCE_DB must name a generated reference database");
const driverBin = [process.env.TAURI_DRIVER, join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "bin/tauri-driver")]
  .find((p) => p && existsSync(p)) ?? "tauri-driver";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function launch(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(app, args, { env: { ...process.env, HEARTH_PERF: "exit" }, stdio: ["ignore", "pipe", "inherit"] });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no paint within 60 s: ${args.join(" ")}`));
    }, 60000);
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/hearth-perf painted ([\d.]+)/);
      if (m) {
        clearTimeout(timer);
        const wall = performance.now() - t0;
        child.once("exit", () => resolve({ wall_ms: wall, in_process_ms: Number(m[1]) }));
      }
    });
  });
}

async function startup(runs) {
  const minimal = [];
  const hearth = [];
  for (let i = 0; i < runs; i++) {
    minimal.push((await launch(["--perf-minimal"])).wall_ms);
    hearth.push((await launch(["--db", db])).wall_ms);
  }
  return { runs, minimal_window_ms: minimal, hearth_first_list_ms: hearth, minimal_median_ms: median(minimal), hearth_median_ms: median(hearth) };
}

/// RSS of the bare window (no database, no React): what the platform itself costs.
async function bareWindowMemory() {
  const env = { ...process.env };
  delete env.HEARTH_PERF;
  const child = spawn(app, ["--perf-minimal"], { env, stdio: ["ignore", "ignore", "inherit"] });
  let exited = null;
  child.on("exit", (code, signal) => (exited = `exit ${code ?? signal}`));
  await sleep(4000);
  if (exited) {
    console.log(`bare window ended early (${exited})`);
    return null;
  }
  const mem = memoryOf(child.pid);
  child.kill();
  await sleep(500);
  return mem;
}

const toMiB = (m) => Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k.replace(/_bytes$/, ""), typeof v === "number" ? Math.round((v / 1048576) * 10) / 10 : v]));

function processes() {
  return execFileSync("ps", ["-eo", "pid=,rss=,args="], { encoding: "utf8" })
    .split("\n")
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter(Boolean)
    .map(([, pid, rss, args]) => ({ pid: Number(pid), mib: Number(rss) / 1024, args }));
}

/// A process's resident memory in MiB, split into private (anon), file-backed (mostly shared
/// libraries: WebKitGTK, GTK, ICU) and shared-memory pages.
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))?.[1] ?? 0);
  const mib = (name) => Math.round((kib(name) / 1024) * 10) / 10;
  return { rss: mib("VmRSS"), anon: mib("RssAnon"), file: mib("RssFile"), shmem: mib("RssShmem") };
}

async function waitPort(port) {
  for (let i = 0; i < 50; i++) {
    const up = await new Promise((resolve) => {
      const s = connect(port, "127.0.0.1", () => (s.end(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    if (up) return;
    await sleep(200);
  }
  throw new Error("tauri-driver did not start");
}

async function scrollAndMemory() {
  const driver = spawn(driverBin, ["--port", "4444"], { stdio: "ignore" });
  await waitPort(4444);
  const browser = await remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "error",
    capabilities: { browserName: "wry", "wdio:enforceWebDriverClassic": true, "tauri:options": { application: app, args: ["--db", db] } },
  });
  try {
    const nav = await browser.$('[data-testid="nav-contacts"]');
    await nav.waitForDisplayed({ timeout: 30000 });
    await nav.click();
    await browser.setTimeout({ script: 600000 });
    await browser.waitUntil(async () => (await browser.$$('[data-testid="contact-row"]')).length > 5, { timeout: 30000 });
    await sleep(1000);
    // Hearth's own memory (Rust heap and SQLite, counted in the app) before and after scrolling.
    const ours = () => browser.executeAsync((done) => window.__TAURI_INTERNALS__.invoke("app_memory").then(done, (e) => done({ error: String(e) })));
    const oursBefore = await ours();
    // Two passes: a steady scroll (two rows per frame, how a person scrolls) and a sweep from
    // top to bottom in 300 jumps (the worst case: every frame shows rows never seen before).
    const scrollPass = (perFrame, steps) =>
      browser.executeAsync(
        (perFrame, steps, done) => {
          const list = document.querySelector('[data-testid="contacts-list"]');
          const end = list.scrollHeight - list.clientHeight;
          const deltas = [];
          let last = 0;
          let i = 0;
          function step(now) {
            if (i > 0) deltas.push(now - last);
            last = now;
            if (i++ >= steps) return done({ deltas, rows_in_dom: list.querySelectorAll('[data-testid="contact-row"]').length, height: list.scrollHeight });
            list.scrollTop = perFrame > 0 ? Math.min(end, list.scrollTop + perFrame) : Math.round((end * i) / steps);
            requestAnimationFrame(step);
          }
          requestAnimationFrame(step);
        },
        perFrame,
        steps,
      );
    const steady = await scrollPass(104, 300);
    await sleep(1000);
    const frames = await scrollPass(0, 300);
    await sleep(2000); // let the last pages arrive
    // Rows are fetched once a jump settles: by now the bottom rows must be real, not placeholders.
    const settled = await browser.execute(() => {
      const list = document.querySelector('[data-testid="contacts-list"]');
      return { rows: list.querySelectorAll('[data-testid="contact-row"]').length, placeholders: list.querySelectorAll('[aria-busy="true"]').length };
    });
    const procs = processes();
    const oursAfter = await ours();
    const appPid = procs.find((p) => p.args.startsWith(app) && p.args.includes("--db"))?.pid;
    const appMemory = appPid ? memoryOf(appPid) : null;
    // The same passes over a plain-DOM page with the list's geometry, in the same window:
    // what WebKit itself costs per frame here, without React, Mantine or data.
    const appUrl = await browser.getUrl();
    await browser.url(new URL("scroll-baseline.html", appUrl).href);
    await browser.waitUntil(async () => (await browser.$$('[data-testid="contact-row"]')).length > 5, { timeout: 30000 });
    await sleep(1000);
    const baseSteady = await scrollPass(104, 300);
    await sleep(500);
    const baseSweep = await scrollPass(0, 300);
    const stats = (f) => {
      const d = [...f.deltas].sort((a, b) => a - b);
      // A frame "dropped" when the gap to the next one exceeds 1.5 frames at 60 Hz (25 ms):
      // gaps of 16.8 ms are vsync jitter, not a missed frame.
      return { frames: d.length, p50_ms: d[Math.floor(d.length * 0.5)], p95_ms: d[Math.floor(d.length * 0.95)], max_ms: d[d.length - 1], over_16_7_ms: d.filter((x) => x > 16.7).length, dropped_over_25_ms: d.filter((x) => x > 25).length, rows_in_dom: f.rows_in_dom };
    };
    const rssOf = (test) => procs.filter((p) => test(p.args)).map((p) => p.mib);
    return {
      scroll_steady: stats(steady),
      scroll_sweep: { ...stats(frames), scroll_height_px: frames.height, after_settling: settled },
      baseline_scroll_steady: stats(baseSteady),
      baseline_scroll_sweep: { ...stats(baseSweep), scroll_height_px: baseSweep.height },
      processes: procs.filter((p) => /hearth|WebKit/i.test(p.args)).map((p) => ({ mib: p.mib, args: p.args.slice(0, 120) })),
      app_process_mib: appMemory,
      hearth_own_mib: { before_scroll: toMiB(oursBefore), after_scroll: toMiB(oursAfter) },
      memory_mib: {
        app: rssOf((a) => a.startsWith(app) && a.includes("--db")),
        webkit_web: rssOf((a) => a.includes("WebKitWebProcess")),
        webkit_network: rssOf((a) => a.includes("WebKitNetworkProcess")),
      },
    };
  } finally {
    await browser.deleteSession().catch(() => undefined);
    driver.kill();
  }
}

// MEASURE_ONLY=scroll skips start-up and the bare window (for quick experiments).
const only = process.env.MEASURE_ONLY;
const started = only === "scroll" ? null : await startup(5);
console.log("start-up:", JSON.stringify(started));
const bare = only === "scroll" ? null : await bareWindowMemory();
console.log("bare window memory MiB:", JSON.stringify(bare));
const result = { app, db, when: new Date().toISOString(), startup: started, bare_window_mib: bare, ...(await scrollAndMemory()) };
mkdirSync(join(here, "artifacts"), { recursive: true });
writeFileSync(join(here, "artifacts/measure.json"), JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
