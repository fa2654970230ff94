// Time to the first full render of the dashboard in headless Chromium, and bytes on connect.
// Usage: node bench/dashboard_render.mjs <base url> <expected port count>
import { createRequire } from "node:module";

// playwright-core is installed once, for the browser tests, in tests/e2e
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [base, expected] = [process.argv[2], Number(process.argv[3])];
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
  const started = Date.now();
  await page.goto(`${base}/`);
  await page.getByRole("tab", { name: "Port Health" }).click();
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll("#panel-port-health table.table--cards tbody tr").length === count,
    expected,
    { timeout: 60_000, polling: 20 },
  );
  runs.push({ ms: Date.now() - started, wsBytes, httpBytes });
  await context.close();
}
await browser.close();
console.log(JSON.stringify(runs));
