// Headless-Chromium test of the board's mouse drag: serves the UI over the mock back end,
// drags a card to another column with the mouse, and checks the saved move, the new place,
// and the rollback (with a message) when the save fails. Run by `cargo xtask test`.
import { chromium } from "playwright-core";
import { createServer } from "vite";
import assert from "node:assert/strict";

const server = await createServer({ root: new URL("..", import.meta.url).pathname, server: { port: 5179, strictPort: true }, logLevel: "error" });
await server.listen();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const id = (t) => `[data-testid="${t}"]`;
const column = (name) => `${id("board-column")}[data-stage-name="${name}"]`;
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("http://localhost:5179/mock.html#/pipeline");
  await page.waitForSelector(id("deal-card"), { timeout: 20000 });

  const countOf = async (name) => Number((await page.textContent(`${column(name)} ${id("column-count")}`)).replace(/\D/g, ""));
  const titlesIn = (name) => page.locator(`${column(name)} ${id("deal-card-title")}`).allTextContents();
  const drag = async (card, target) => {
    const from = await card.boundingBox();
    const to = await target.boundingBox();
    await page.mouse.move(from.x + 40, from.y + 20);
    await page.mouse.down();
    await page.mouse.move(from.x + 60, from.y + 30, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 20, { steps: 15 });
    await page.mouse.up();
  };

  // 1. Drag the first Prospecting card into Proposal's empty space.
  const beforeProspecting = await countOf("Prospecting");
  const beforeProposal = await countOf("Proposal");
  const card = page.locator(`${column("Prospecting")} ${id("deal-card")}`).first();
  const title = await card.locator(id("deal-card-title")).textContent();
  await drag(card, page.locator(`${column("Proposal")} ${id("column-body")}`));
  await page.waitForFunction(() => window.__dealMoves.length === 1, null, { timeout: 5000 });
  const move = await page.evaluate(() => window.__dealMoves[0]);
  assert.equal(move.stage_id, "st-3", "saved to Proposal");
  assert.equal(move.expected_version, 1);
  await page.waitForFunction(([sel, t]) => [...document.querySelectorAll(sel)].some((e) => e.textContent === t),
    [`${column("Proposal")} ${id("deal-card-title")}`, title], { timeout: 5000 });
  assert.equal(await countOf("Prospecting"), beforeProspecting - 1);
  assert.equal(await countOf("Proposal"), beforeProposal + 1);
  assert.ok(!(await titlesIn("Prospecting")).includes(title), "gone from Prospecting");

  // 2. Drop onto the top half of another card: it lands above that card.
  const target = page.locator(`${column("Negotiation")} ${id("deal-card")}`).nth(1);
  const targetTitle = await target.locator(id("deal-card-title")).textContent();
  const second = page.locator(`${column("Prospecting")} ${id("deal-card")}`).first();
  const secondTitle = await second.locator(id("deal-card-title")).textContent();
  const box = await target.boundingBox();
  const from = await second.boundingBox();
  await page.mouse.move(from.x + 40, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 30, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y + 12, { steps: 15 });
  await page.mouse.up();
  await page.waitForFunction(() => window.__dealMoves.length === 2, null, { timeout: 5000 });
  const titles = await titlesIn("Negotiation");
  assert.equal(titles.indexOf(secondTitle), titles.indexOf(targetTitle) - 1, `placed above ${targetTitle}: ${titles}`);

  // 3. A failed save: the card goes back and a message says why.
  await page.evaluate(() => (window.__failNextMove = true));
  const third = page.locator(`${column("Demo / presentation")} ${id("deal-card")}`).first();
  const thirdTitle = await third.locator(id("deal-card-title")).textContent();
  await drag(third, page.locator(`${column("Needs & qualification")} ${id("column-body")}`));
  await page.waitForSelector(`text=“${thirdTitle}” was not moved`, { timeout: 5000 });
  await page.waitForFunction(([sel, t]) => [...document.querySelectorAll(sel)].some((e) => e.textContent === t),
    [`${column("Demo / presentation")} ${id("deal-card-title")}`, thirdTitle], { timeout: 5000 });
  assert.ok(!(await titlesIn("Needs & qualification")).includes(thirdTitle), "rolled back");
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });
  assert.deepEqual(errors, []);
  console.log("drag test: 3 drags ok (move to column, place above a card, rollback on failure)");
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
