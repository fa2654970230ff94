import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { baseRoutes, healthItem } from "../test/fixtures";
import { fakeGateway, renderApp } from "../test/render";
import { Header } from "./Header";

describe("Header", () => {
  it("says the feed is reconnecting and counts unhealthy ports", async () => {
    fakeGateway(baseRoutes());
    renderApp(<Header />, { connection: "reconnecting" });

    expect(screen.getByTestId("badge-realtime")).toHaveTextContent("Real-Time: reconnecting");
    expect(await screen.findByText("Health: 1 unhealthy")).toHaveClass("badge--bad");
  });

  it("reads the live feed's ports when it is open", () => {
    fakeGateway(baseRoutes());
    const ports = { 8001: healthItem(8001), 8002: healthItem(8002) };
    renderApp(<Header />, { connection: "open", ports });

    expect(screen.getByTestId("badge-realtime")).toHaveTextContent("Real-Time: live");
    expect(screen.getByTestId("badge-health")).toHaveTextContent("Health: 2/2 healthy");
  });

  it("says health is not measured when no port has been checked", async () => {
    fakeGateway({
      ...baseRoutes(),
      "GET /port-health": {
        body: { status: "configuration_only", ports: [healthItem(8001, { status: "unknown" })] },
      },
    });
    renderApp(<Header />);

    expect(await screen.findByText("Health: not measured")).toBeInTheDocument();
  });

  it("shows the gateway's 503 detail when the prober is down", async () => {
    const user = userEvent.setup();
    const gateway = fakeGateway({
      ...baseRoutes(),
      "POST /port-health/refresh": {
        status: 503,
        body: { status_code: 503, detail: "The prober is not running, so nothing was changed." },
      },
    });
    renderApp(<Header />);

    await user.click(screen.getByRole("button", { name: "Refresh" }));

    expect(
      await screen.findByText(/The prober is not running, so nothing was changed\./),
    ).toBeInTheDocument();
    expect(gateway.calls.filter((call) => call.path === "/port-health").length).toBeGreaterThan(0);
  });
});
