/**
 * End-to-end test of the Conductor dashboard in Chromium, against a running gateway.
 *
 * Env: BASE_URL (http://127.0.0.1:8000), ARTIFACTS_DIR (./test-artifacts), CHROMIUM_PATH
 * (/usr/bin/chromium), STANDINS_CONTROL_DIR (the stand-ins' control folder: the test stops
 * the stand-in of STOPPED_PORT, default 8004, by writing <port>.down there, then restarts it).
 * It creates scaling port 8200 and changes port 8003's monitoring settings, and puts both back.
 * Sign-in: E2E_USER and E2E_PASSWORD (an operator) for the browser, through the sign-in page;
 * API_TOKEN (an operator's token) for the test's own calls to the API.
 */
import assert from "node:assert/strict";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";

import { chromium } from "playwright-core";

const BASE_URL = (process.env.BASE_URL ?? "http://127.0.0.1:8000").replace(
  /\/$/,
  "",
);
const ARTIFACTS = resolve(process.env.ARTIFACTS_DIR ?? "test-artifacts");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const STANDINS_CONTROL_DIR = process.env.STANDINS_CONTROL_DIR;
const STOPPED_PORT = Number(process.env.STOPPED_PORT ?? 8004);
const E2E_USER = process.env.E2E_USER;
const E2E_PASSWORD = process.env.E2E_PASSWORD;
const API_TOKEN = process.env.API_TOKEN;
const API = `${BASE_URL}/api/components`;
const SCALING_PORT = 8200;
const EDITED_PORT = 8003;
const WAIT_MS = 15_000;
const TABS = [
  ["scaling-status", "Scaling Status"],
  ["port-health", "Port Health"],
  ["manual-scaling", "Manual Scaling"],
  ["port-monitoring", "Port Monitoring"],
  ["real-time", "Real-Time Display"],
];
const SETTINGS = [
  "monitor_enabled",
  "auto_expand",
  "monitor_interval",
  "monitor_timeout",
  "monitor_threshold",
];

async function api(method, path, body) {
  const headers = API_TOKEN ? { Authorization: `Bearer ${API_TOKEN}` } : {};
  if (body) headers["Content-Type"] = "application/json";
  const response = await fetch(`${API}${path}`, {
    method,
    headers,
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

async function activeScalingPorts() {
  const { body } = await api("GET", "/scaling/status");
  return body.active_scaling_ports;
}

async function removeScalingPortIfPresent() {
  if ((await activeScalingPorts()).includes(SCALING_PORT)) {
    const { status, body } = await api(
      "DELETE",
      `/scaling/remove/${SCALING_PORT}`,
    );
    assert.equal(
      status,
      200,
      `clean-up of ${SCALING_PORT} failed: ${body.detail}`,
    );
  }
}

async function signIn(page) {
  assert.ok(E2E_USER && E2E_PASSWORD, "set E2E_USER and E2E_PASSWORD");
  const form = page.getByRole("form", { name: "Conductor" });
  await form.getByLabel("Name").fill(E2E_USER);
  await form.getByLabel("Password").fill(E2E_PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await page
    .getByTestId("header-user")
    .getByText(`${E2E_USER} (operator)`)
    .waitFor();
}

async function openTab(page, name) {
  await page.getByRole("tab", { name }).click();
  return page.getByRole("tabpanel", { name });
}

async function screenshotTabs(page, suffix) {
  for (const [id, name] of TABS) {
    await openTab(page, name);
    await page.waitForLoadState("networkidle").catch(() => {});
    await page.screenshot({
      path: join(ARTIFACTS, `tab-${id}${suffix}.png`),
      fullPage: true,
    });
  }
}

/** Every port number the table builds while its scroll box goes from top to bottom, sorted. */
async function scrollThroughPorts(table) {
  const seen = await table.evaluate(async (node) => {
    const frame = () =>
      new Promise((resolve) => requestAnimationFrame(resolve));
    let box = node.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    box ??= document.scrollingElement;
    const found = new Set();
    const note = () => {
      for (const cell of node.querySelectorAll("tbody tr > td:first-child"))
        if (/^\d+$/.test(cell.textContent)) found.add(Number(cell.textContent));
    };
    for (let top = 0; ; top += box.clientHeight / 2) {
      box.scrollTop = top;
      await frame();
      await frame();
      note();
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
    }
    box.scrollTop = 0;
    return [...found];
  });
  return seen.sort((a, b) => a - b);
}

describe("Conductor dashboard", () => {
  let browser;
  let page;
  let savedSettings;

  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    const { status, body } = await api(
      "GET",
      `/port-monitoring/${EDITED_PORT}`,
    );
    assert.equal(
      status,
      200,
      `the gateway at ${BASE_URL} has no port ${EDITED_PORT}: ${body.detail}`,
    );
    savedSettings = Object.fromEntries(
      SETTINGS.map((name) => [name, body[name]]),
    );
    await removeScalingPortIfPresent();

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${BASE_URL}/`);
    await signIn(page);
  });

  after(async () => {
    try {
      if (page)
        await page.screenshot({
          path: join(ARTIFACTS, "final.png"),
          fullPage: true,
        });
    } finally {
      await browser?.close();
      await removeScalingPortIfPresent();
      if (savedSettings)
        await api("PUT", `/port-monitoring/${EDITED_PORT}`, savedSettings);
    }
  });

  test("lists the demo ports on Port Health, each one reachable in the table", async () => {
    const { body } = await api("GET", "/port-health");
    const ports = body.ports.map((port) => port.port).sort((a, b) => a - b);
    const panel = await openTab(page, "Port Health");
    const table = panel.getByRole("table", {
      name: "Health of the monitored ports",
    });

    await panel
      .getByText(`${ports.length} of ${ports.length} ports`, { exact: true })
      .waitFor();
    assert.equal(
      await table.getAttribute("aria-rowcount"),
      String(ports.length + 1),
    );
    // the table builds only the rows in view: scroll its box through, noting each port built
    assert.deepEqual(await scrollThroughPorts(table), ports);

    const find = panel.getByLabel("Find");
    for (const port of [8001, 8008, 18000, ports.at(-1)]) {
      await find.fill(String(port));
      await table
        .getByRole("cell", { name: String(port), exact: true })
        .waitFor();
    }
    await find.fill("");
    await panel
      .getByText(`${ports.length} of ${ports.length} ports`, { exact: true })
      .waitFor();
  });

  test("creating 8200 shows in Scaling Status and the activity log without a reload", async () => {
    let panel = await openTab(page, "Manual Scaling");
    await panel.getByLabel("Port to create").fill(String(SCALING_PORT));
    await panel.getByRole("button", { name: "Create this port" }).click();
    const dialog = page.getByRole("dialog", { name: "Create scaling ports" });
    await dialog.getByRole("button", { name: "Create", exact: true }).click();
    await panel
      .getByRole("log", { name: "Results of scaling requests" })
      .getByText(`Scaling port ${SCALING_PORT} created successfully`)
      .waitFor();

    panel = await openTab(page, "Scaling Status");
    await panel
      .getByRole("list", { name: "Active scaling ports" })
      .getByText(String(SCALING_PORT), { exact: true })
      .waitFor();

    // the feed announces a creation twice: as scaling.created and as its audit record
    const created = new RegExp(
      `Port ${SCALING_PORT} created|scaling\\.create on port ${SCALING_PORT}: applied`,
    );
    panel = await openTab(page, "Real-Time Display");
    await page
      .getByTestId("badge-realtime")
      .getByText("Real-Time: live")
      .waitFor();
    await panel
      .getByTestId("activity-log")
      .getByText(created)
      .first()
      .waitFor();
  });

  test("editing a port's interval shows the new value", async () => {
    const interval = savedSettings.monitor_interval === 20 ? 25 : 20;
    const panel = await openTab(page, "Port Monitoring");
    await panel
      .getByRole("button", { name: `Edit port ${EDITED_PORT}` })
      .click();
    const form = panel.getByRole("form", {
      name: `Monitoring settings of port ${EDITED_PORT}`,
    });
    await form.getByLabel(/Check interval/).fill(String(interval));
    await form.getByLabel(/Timeout/).fill("3");
    await form.getByRole("button", { name: "Save settings" }).click();

    await form
      .getByRole("status")
      .getByText(`Monitoring settings of port ${EDITED_PORT} updated`)
      .waitFor();
    await panel
      .getByTestId(`interval-${EDITED_PORT}`)
      .getByText(`${interval} s`)
      .waitFor();
  });

  test("a timeout not below the interval shows the server's message", async () => {
    const bad = { ...savedSettings, monitor_interval: 20, monitor_timeout: 30 };
    const expected = await api("PUT", `/port-monitoring/${EDITED_PORT}`, bad);
    assert.equal(
      expected.status,
      422,
      "the gateway accepted a timeout above the interval",
    );

    const panel = await openTab(page, "Port Monitoring");
    const form = panel.getByRole("form", {
      name: `Monitoring settings of port ${EDITED_PORT}`,
    });
    await form.getByLabel(/Check interval/).fill("20");
    await form.getByLabel(/Timeout/).fill("30");
    await form.getByRole("button", { name: "Save settings" }).click();

    const alert = form.getByRole("alert");
    await alert.waitFor();
    assert.equal((await alert.textContent())?.trim(), expected.body.detail);
    assert.equal(
      await form.getByLabel(/Timeout/).getAttribute("aria-invalid"),
      "true",
    );
  });

  test(
    "stopping a stand-in turns its port unhealthy on screen",
    {
      skip: STANDINS_CONTROL_DIR ? false : "STANDINS_CONTROL_DIR is not set",
    },
    async () => {
      const panel = await openTab(page, "Port Health");
      const row = panel
        .getByRole("table", { name: "Health of the monitored ports" })
        .locator("tbody tr")
        .filter({
          has: page.getByRole("cell", {
            name: String(STOPPED_PORT),
            exact: true,
          }),
        });
      const marker = join(STANDINS_CONTROL_DIR, `${STOPPED_PORT}.down`);
      await writeFile(marker, "stopped by the browser test\n");
      try {
        await row
          .getByText(/^unhealthy$/i)
          .first()
          .waitFor({ timeout: 20_000 });
        await row.getByText("connection refused").waitFor({ timeout: WAIT_MS });
      } finally {
        await rm(marker, { force: true });
      }
      await row
        .getByText(/^healthy$/i)
        .first()
        .waitFor({ timeout: 20_000 });
    },
  );

  test("screenshots of every tab, wide and phone-sized", async () => {
    await screenshotTabs(page, "");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshotTabs(page, "-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test("removing 8200 from Manual Scaling takes it off the lists", async () => {
    const panel = await openTab(page, "Manual Scaling");
    await panel
      .getByRole("button", { name: `Remove port ${SCALING_PORT}` })
      .click();
    const dialog = page.getByRole("dialog", { name: "Remove a scaling port" });
    await dialog.getByRole("button", { name: "Remove", exact: true }).click();
    await panel
      .getByText(`Scaling port ${SCALING_PORT} removed successfully`)
      .waitFor();
    await panel
      .getByRole("button", { name: `Remove port ${SCALING_PORT}` })
      .waitFor({ state: "detached" });
    assert.ok(!(await activeScalingPorts()).includes(SCALING_PORT));
  });
});
