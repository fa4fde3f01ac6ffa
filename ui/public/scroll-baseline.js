// The scroll baseline for `cargo xtask measure`: the contacts list's geometry (100k rows of
// 52 px, the visible rows plus 6 either side in the DOM) in plain DOM, no React, no data.
// Scrolling it in the same window separates WebKit's own cost per frame from Hearth's.
const ROW = 52;
const COUNT = 100000;
const list = document.getElementById("list");
const space = document.getElementById("space");
space.style.height = `${ROW * COUNT}px`;
space.style.position = "relative";
function render() {
  const first = Math.max(0, Math.floor(list.scrollTop / ROW) - 6);
  const last = Math.min(COUNT - 1, Math.ceil((list.scrollTop + list.clientHeight) / ROW) + 6);
  const rows = [];
  for (let i = first; i <= last; i++) {
    const row = document.createElement("div");
    row.className = "row";
    row.dataset.testid = "contact-row";
    row.style.transform = `translateY(${i * ROW}px)`;
    for (const text of [`Contact ${i}`, `contact${i}@example.com`, "Lead", "Web", "2026-11-01"]) {
      const cell = document.createElement("span");
      cell.textContent = text;
      row.appendChild(cell);
    }
    rows.push(row);
  }
  space.replaceChildren(...rows);
}
list.addEventListener("scroll", render, { passive: true });
render();
