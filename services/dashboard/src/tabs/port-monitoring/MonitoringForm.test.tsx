import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { baseRoutes } from "../../test/fixtures";
import { fakeGateway, renderApp } from "../../test/render";
import { PortMonitoringTab } from "../PortMonitoringTab";

const REFUSAL =
  "Invalid monitoring settings: body: Value error, " +
  "monitor_timeout (30 s) must be below monitor_interval (20 s).";

async function editPort(port: number) {
  const user = userEvent.setup();
  renderApp(<PortMonitoringTab />);
  await user.click(await screen.findByRole("button", { name: `Edit port ${port}` }));
  return user;
}

describe("MonitoringForm", () => {
  it("shows the gateway's 422 detail and marks the fields it names", async () => {
    fakeGateway({
      ...baseRoutes(),
      "PUT /port-monitoring/8002": { status: 422, body: { status_code: 422, detail: REFUSAL } },
    });
    const user = await editPort(8002);

    await user.clear(screen.getByLabelText(/Check interval/));
    await user.type(screen.getByLabelText(/Check interval/), "20");
    await user.clear(screen.getByLabelText(/Timeout/));
    await user.type(screen.getByLabelText(/Timeout/), "30");
    await user.click(screen.getByRole("button", { name: "Save settings" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(REFUSAL);
    expect(screen.getByLabelText(/Timeout/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText(/Timeout/)).toHaveAccessibleDescription(REFUSAL);
    expect(screen.getByLabelText(/threshold/i)).not.toHaveAttribute("aria-invalid");
  });

  it("sends the five settings with the port, as the original client did", async () => {
    const gateway = fakeGateway({
      ...baseRoutes(),
      "PUT /port-monitoring/8002": {
        body: { message: "Monitoring settings of port 8002 updated", port: 8002, rows_updated: 1 },
      },
    });
    const user = await editPort(8002);

    await user.click(screen.getByLabelText("Auto-expand candidate"));
    await user.click(screen.getByRole("button", { name: "Save settings" }));

    expect(await screen.findByText("Monitoring settings of port 8002 updated")).toBeInTheDocument();
    expect(gateway.calls.find((call) => call.method === "PUT")?.body).toEqual({
      port: 8002,
      monitor_enabled: true,
      auto_expand: false,
      monitor_interval: 30,
      monitor_timeout: 5,
      monitor_threshold: 2,
    });
  });
});
