// Time to the first full render of the dashboard in headless Chromium, and bytes on connect.
// Usage: node bench/dashboard_render.mjs <base url> <expected port count>
//
// The health table builds only the rows in view, so counting <tr> no longer tells that every
// port is there. A render is full when the table's count reads "N of N ports" with N the
// gateway's port count, the first port's row is built, and the last port's row is built once
// the table is scrolled to its end. Times are the page's own clock: from navigation start.
import { createRequire } from "node:module";

// playwright-core is installed once, for the browser tests, in tests/e2e
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [base, expected] = [process.argv[2], Number(process.argv[3])];
const TABLE = "#panel-port-health table.table--cards";

// the ports the table must show, read before the loads so that it counts in no load's bytes
const report = await (await fetch(`${base}/api/components/port-health`)).json();
const ports = report.ports.map((port) => port.port).sort((a, b) => a - b);
if (ports.length !== expected) {
  throw new Error(`the gateway has ${ports.length} ports, not ${expected}`);
}
const [first, last] = [ports[0], ports.at(-1)];

// runs in the page: the count and the first row are there; returns when, from navigation start
function firstRowsShown({ table, count, port }) {
  const text = document.querySelector("#panel-port-health .toolbar__count")?.textContent;
  const cells = document.querySelectorAll(`${table} tbody tr > td:first-child`);
  const built = [...cells].some((cell) => cell.textContent === String(port));
  return text === `${count} of ${count} ports` && built && performance.now();
}

// runs in the page: scrolls the table's box to its end (again on each poll, as rows measured
// on the way may lengthen it) until the last port's row is built
function lastRowShown({ table, port }) {
  let box = document.querySelector(table)?.parentElement;
  while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
  (box ?? document.scrollingElement).scrollTop = 1e9;
  const cells = document.querySelectorAll(`${table} tbody tr > td:first-child`);
  return [...cells].some((cell) => cell.textContent === String(port)) && performance.now();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const runs = [];
for (let run = 0; run < 5; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let wsBytes = 0;
  let httpBytes = 0;
  page.on("websocket", (ws) => ws.on("framereceived", (f) => (wsBytes += f.payload.length)));
  page.on("response", async (r) => {
    const body = await r.body().catch(() => Buffer.alloc(0));
    httpBytes += body.length;
  });
  const wait = { timeout: 60_000, polling: 20 };
  await page.goto(`${base}/`);
  await page.getByRole("tab", { name: "Port Health" }).click();
  const shown = await page.waitForFunction(
    firstRowsShown, { table: TABLE, count: expected, port: first }, wait);
  const reached = await page.waitForFunction(lastRowShown, { table: TABLE, port: last }, wait);
  const firstRowsMs = Math.round(await shown.jsonValue());
  runs.push({ ms: Math.round(await reached.jsonValue()), firstRowsMs, wsBytes, httpBytes });
  await context.close();
}
await browser.close();
console.log(JSON.stringify(runs));
