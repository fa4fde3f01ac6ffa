// Headless-Chromium accessibility audit: serves the UI over the mock back end (mock.html),
// opens every main screen (and the Ctrl+K palette and the "?" shortcuts sheet) in the light
// and the dark colour scheme, and runs axe-core's WCAG 2.0/2.1 A and AA rules on each.
// Fails on any "serious" or "critical" violation. Also checks once that keyboard focus is
// visible (an outline or a box-shadow on the focused element). Run by `cargo xtask test`;
// by hand: `cd ui && npm run a11y` (SHOTS=1 also saves the contact page as /tmp/a11y-light.png and
// /tmp/a11y-dark.png; SHOTS=<regex> saves each screen whose name matches as /tmp/a11y-<scheme>-<name>.png;
// ONLY=<regex> audits only the matching screens, SCHEMES=light only one scheme, VERBOSE=1 more detail).
import { chromium } from "playwright-core";
import { createServer } from "vite";
import axe from "axe-core";

const PORT = 5181;
const BASE = `http://localhost:${PORT}/mock.html`;
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

/**
 * Narrow exclusions: [rule id, CSS selector of the element it may flag, why]. Only for
 * third-party markup that cannot reasonably be changed; never a whole rule.
 */
const EXCLUDED = [];

const started = Date.now();
const server = await createServer({ root: new URL("..", import.meta.url).pathname, server: { port: PORT, strictPort: true }, logLevel: "error" });
await server.listen();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const id = (t) => `[data-testid="${t}"]`;

/** Waits for the screen's data: no spinner left, then a moment for transitions to end. */
async function settle(page) {
  await page.waitForFunction(() => !document.querySelector(".mantine-Loader-root"), null, { timeout: 20000 }).catch(() => {});
  await page.waitForTimeout(450);
}

async function go(page, path, ready) {
  await page.evaluate((p) => (location.hash = p), `#${path}`);
  if (ready) await page.waitForSelector(ready, { timeout: 20000 });
  await settle(page);
}

/** Opens the list at `path`, then the first of its rows, and waits for the record's page. */
async function openFirst(p, path, row, detail) {
  await go(p, path, id(row));
  await p.locator(id(row)).first().click();
  await p.waitForSelector(id(detail), { timeout: 20000 });
  await settle(p);
}

/**
 * The screens, in order; each opens itself starting from wherever the previous one left off.
 * The mock back end (scripts/mock/) answers contacts, companies, deals, activities, settings,
 * tickets, sequences (templates, enrolments, broadcasts, the outbox), orders and subscriptions,
 * and the Customers tabs (opportunities, at risk, referrals, reviews, surveys, product rules), so
 * each of those screens is audited with rows in it, as are a ticket's page, the sequence editor
 * and an order's drawer, and segments, personas and priority tiers (with the segment editor).
 */
const SCREENS = [
  ["Today", (p) => go(p, "/today", id("today-overdue"))],
  ["Contacts", (p) => go(p, "/contacts", id("contact-row"))],
  ["Contact page", (p) => openFirst(p, "/contacts", "contact-row", "contact-detail")],
  ["Companies", (p) => go(p, "/companies", id("company-row"))],
  ["Company page", (p) => openFirst(p, "/companies", "company-row", "company-detail")],
  ["Pipeline board", (p) => go(p, "/pipeline", id("deal-card"))],
  ["Reports", (p) => go(p, "/reports", id("report-title"))],
  ["Report (cohorts)", (p) => go(p, "/reports/cohorts", id("report-title"))],
  ["Segments", (p) => go(p, "/segments", id("segment-row"))],
  ["Segment editor", async (p) => {
    await go(p, "/segments", id("segment-row"));
    await p.getByRole("button", { name: "Actions for Hot leads" }).click();
    await p.getByRole("menuitem", { name: "Edit" }).click();
    await p.waitForSelector(id("segment-live-count"), { timeout: 20000 });
    await p.waitForTimeout(450);
  }, async (p) => { await p.keyboard.press("Escape"); await p.waitForTimeout(300); }],
  ["Segments: personas", (p) => go(p, "/segments?tab=personas", id("persona-card"))],
  ["Segments: priority tiers", (p) => go(p, "/segments?tab=tiers", id("tier-a"))],
  ["Sequences", (p) => go(p, "/sequences", id("sequence-row"))],
  ["Sequence editor", async (p) => {
    await openFirst(p, "/sequences", "sequence-row", "sequence-editor");
    await p.waitForSelector(`${id("sequence-report")}, ${id("enrolment-row")}`, { timeout: 20000 });
    await settle(p);
  }],
  ["Sequences: templates", (p) => go(p, "/sequences?tab=templates", id("template-row"))],
  ["Sequences: broadcasts", (p) => go(p, "/sequences?tab=broadcasts", id("broadcast-row"))],
  ["Customers: orders", (p) => go(p, "/customers", id("order-row"))],
  ["Order (drawer)", async (p) => {
    await openFirst(p, "/customers", "order-row", "order-detail");
  }, async (p) => { await p.keyboard.press("Escape"); await p.waitForTimeout(300); }],
  ["Customers: opportunities", (p) => go(p, "/customers?tab=opportunities", id("opportunity-row"))],
  ["Customers: at risk", (p) => go(p, "/customers?tab=at-risk", id("at-risk-row"))],
  ["Customers: referrals", (p) => go(p, "/customers?tab=referrals", id("referrer"))],
  ["Customers: reviews", (p) => go(p, "/customers?tab=reviews", id("review-row"))],
  ["Customers: surveys", (p) => go(p, "/customers?tab=surveys", id("survey-row"))],
  ["Customers: product rules", (p) => go(p, "/customers?tab=product-rules", id("product-rule"))],
  ["Support: queue", (p) => go(p, "/tickets", id("ticket-row"))],
  ["Support: all tickets", async (p) => {
    await go(p, "/tickets", id("ticket-row"));
    await p.locator(id("tab-all-tickets")).click();
    await p.waitForSelector(id("ticket-list"), { timeout: 20000 });
    await settle(p);
  }],
  ["Ticket page", (p) => openFirst(p, "/tickets", "ticket-row", "ticket-page")],
  ["Deal page", async (p) => {
    await go(p, "/pipeline", id("deal-card"));
    await p.locator(id("deal-card")).first().click({ position: { x: 20, y: 60 } });
    await p.waitForSelector(id("deal-detail"), { timeout: 20000 });
    await settle(p);
  }],
  ["Outbox", (p) => go(p, "/outbox")],
  ["Duplicates", (p) => go(p, "/duplicates")],
  ["Data quality", (p) => go(p, "/quality")],
  ["History", (p) => go(p, "/history", id("history-page"))],
  ["Backups", (p) => go(p, "/backups")],
  ["Settings", (p) => go(p, "/settings", id("regional-currency"))],
  ["Import", (p) => go(p, "/import")],
  ["New contact form (Ctrl+N)", async (p) => {
    await go(p, "/contacts", id("contact-row"));
    await p.keyboard.press("Control+N");
    await p.getByRole("dialog", { name: "New contact" }).waitFor({ state: "visible", timeout: 5000 });
    await p.waitForTimeout(450);
  }, async (p) => { await p.keyboard.press("Escape"); await p.waitForTimeout(300); }],
  ["Command palette (Ctrl+K)", async (p) => {
    await go(p, "/today", id("today-overdue"));
    await p.keyboard.press("Control+K");
    await p.locator(".mantine-Spotlight-content").waitFor({ state: "visible", timeout: 5000 });
    await p.waitForTimeout(450);
  }, async (p) => { await p.keyboard.press("Escape"); await p.waitForTimeout(300); }],
  ["Move a deal (palette)", async (p) => {
    await go(p, "/today", id("today-overdue"));
    await p.keyboard.press("Control+K");
    await p.locator(id("search-input")).fill("move a deal");
    await p.getByRole("button", { name: "Move a deal" }).click();
    await p.getByRole("dialog", { name: "Move a deal" }).waitFor({ state: "visible", timeout: 5000 });
    await p.waitForTimeout(450);
  }, async (p) => {
    // The first Escape closes the deal picker's open list, the next the dialog.
    for (let i = 0; i < 3 && (await p.getByRole("dialog", { name: "Move a deal" }).isVisible()); i++) {
      await p.keyboard.press("Escape");
      await p.waitForTimeout(300);
    }
  }],
  ["Keyboard shortcuts (?)", async (p) => {
    await go(p, "/today", id("today-overdue"));
    await p.locator("body").click({ position: { x: 5, y: 5 } }).catch(() => {});
    await p.evaluate(() => (document.activeElement instanceof HTMLElement) && document.activeElement.blur());
    await p.keyboard.press("Shift+Slash");
    await p.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor({ state: "visible", timeout: 5000 });
    await p.waitForTimeout(450);
  }, async (p) => { await p.keyboard.press("Escape"); await p.waitForTimeout(300); }],
];

function isExcluded(rule, node) {
  return EXCLUDED.some(([r, sel]) => r === rule && node.target.some((t) => String(t) === sel || String(t).includes(sel)));
}

async function audit(page) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    TAGS,
  );
  const violations = [];
  for (const v of result.violations) {
    const nodes = v.nodes.filter((n) => !isExcluded(v.id, n));
    if (nodes.length) violations.push({ ...v, nodes });
  }
  return violations;
}

/** Tabs from the top of a freshly loaded screen; each focused element must show a ring. */
const TAB_STOPS = 12;
async function checkFocusVisible(page, path, ready) {
  const problems = [];
  await page.goto(`${BASE}#${path}`);
  await page.waitForSelector(ready, { timeout: 20000 });
  await settle(page);
  const seen = [];
  for (let i = 0; i < TAB_STOPS; i++) {
    // The first stops are the header and the side bar; then Tab on from the top of the screen itself.
    if (i === 4) await page.evaluate(() => { const m = document.querySelector("main"); m.setAttribute("tabindex", "-1"); m.focus(); });
    await page.keyboard.press("Tab");
    await page.waitForTimeout(80);
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
      const shadow = cs.boxShadow && cs.boxShadow !== "none";
      const label = `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
      return { visible: Boolean(outline || shadow), label, outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`, shadow: cs.boxShadow };
    });
    if (!f) continue;
    seen.push(f.label);
    if (!f.visible) problems.push(`${f.label}: outline ${f.outline}, box-shadow ${f.shadow}`);
  }
  if (process.env.VERBOSE) console.log(`    Tab stops: ${seen.join(", ")}`);
  return problems;
}

let failures = 0;
const summary = [];

/** Switches the open page's colour scheme the way another window's choice would reach it (a
 * `storage` event, which Mantine's scheme manager follows), so each screen is opened once and
 * audited in both schemes. */
async function setScheme(page, scheme) {
  const now = await page.evaluate(() => document.documentElement.getAttribute("data-mantine-color-scheme"));
  if (now === scheme) return;
  await page.evaluate((s) => {
    localStorage.setItem("mantine-color-scheme-value", s);
    window.dispatchEvent(new StorageEvent("storage", { key: "mantine-color-scheme-value", newValue: s, storageArea: localStorage }));
  }, scheme);
  await page.waitForFunction((s) => document.documentElement.getAttribute("data-mantine-color-scheme") === s, scheme, { timeout: 5000 });
  await page.waitForTimeout(250);
}

try {
  const schemes = (process.env.SCHEMES ?? "light,dark").split(",");
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((s) => localStorage.getItem("mantine-color-scheme-value") ?? localStorage.setItem("mantine-color-scheme-value", s), schemes[0]);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${BASE}#/today`);
  await page.waitForSelector(id("today-overdue"), { timeout: 30000 });
  for (const scheme of schemes) {
    await setScheme(page, scheme).catch(() => {});
    const applied = await page.evaluate(() => document.documentElement.getAttribute("data-mantine-color-scheme"));
    if (applied !== scheme) throw new Error(`asked for the ${scheme} scheme, the page shows ${applied}`);
  }

  for (const [name, open, close] of SCREENS.filter(([n]) => !process.env.ONLY || new RegExp(process.env.ONLY, "i").test(n))) {
    try {
      await open(page);
    } catch (e) {
      failures++;
      console.log(`✗ ${name}: could not open the screen: ${String(e).split("\n")[0]}`);
      continue;
    }
    for (const scheme of schemes) {
      await setScheme(page, scheme);
      const violations = await audit(page);
      const blocking = violations.filter((v) => BLOCKING.has(v.impact));
      const minor = violations.length - blocking.length;
      const mark = blocking.length ? "✗" : "✓";
      console.log(`${mark} [${scheme}] ${name}: ${blocking.length} serious/critical${minor ? `, ${minor} minor/moderate` : ""}`);
      for (const v of blocking) {
        failures++;
        const targets = v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ");
        console.log(`    ${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}\n      ${targets}`);
        if (process.env.VERBOSE) for (const n of v.nodes.slice(0, Number(process.env.VERBOSE) || 4)) {
          const d = n.any[0]?.data;
          console.log(`      · ${n.html.slice(0, 160)}\n        ${d && d.fgColor ? `${d.fgColor} on ${d.bgColor}: ${d.contrastRatio} (needs ${d.expectedContrastRatio})` : n.failureSummary.replace(/\n/g, " ")}`);
        }
      }
      summary.push([scheme, name, blocking.length]);
      const shots = process.env.SHOTS;
      if (shots === "1" && name === "Contact page") await page.screenshot({ path: `/tmp/a11y-${scheme}.png` });
      else if (shots && shots !== "1" && new RegExp(shots, "i").test(name)) {
        await page.screenshot({ path: `/tmp/a11y-${scheme}-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.png` });
      }
    }
    if (close) await close(page);
  }

  await setScheme(page, "light");
  const problems = await checkFocusVisible(page, "/contacts", id("contact-row"));
  if (problems.length) {
    failures += problems.length;
    console.log(`✗ [light] focus not visible on:\n    ${problems.join("\n    ")}`);
  } else console.log(`✓ [light] focus visible on each of ${TAB_STOPS} Tab stops (Contacts)`);

  // The setting itself: Settings → Appearance → Dark turns the page dark and is kept.
  await go(page, "/settings", id("theme-choice"));
  await page.locator(id("theme-choice")).getByText("Dark", { exact: true }).click();
  const after = await page.evaluate(() => [document.documentElement.getAttribute("data-mantine-color-scheme"), localStorage.getItem("mantine-color-scheme-value")]);
  await page.locator(id("theme-choice")).getByText("Light", { exact: true }).click();
  if (after[0] !== "dark" || after[1] !== "dark") {
    failures++;
    console.log(`✗ [light] Settings → Appearance → Dark gave scheme ${after[0]}, stored ${after[1]}`);
  } else console.log("✓ [light] Settings → Appearance → Dark switches the page to dark and keeps the choice");
  if (errors.length) {
    failures++;
    console.log(`✗ page errors:\n    ${errors.join("\n    ")}`);
  }
  await context.close();
} catch (e) {
  failures++;
  console.error(e);
} finally {
  await browser.close();
  await server.close();
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  failures
    ? `a11y audit: FAILED (${failures} problem${failures === 1 ? "" : "s"}) over ${summary.length} screen checks in ${seconds}s`
    : `a11y audit: ${summary.length} screen checks (${SCREENS.length} screens × light/dark) passed axe-core ${axe.version} (${TAGS.join(", ")}; serious/critical) and the focus check in ${seconds}s`,
);
process.exit(failures ? 1 : 0);
