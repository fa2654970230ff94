import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import { baseRoutes, PORTS } from "../test/fixtures";
import { fakeGateway, renderApp } from "../test/render";
import { PortHealthTab } from "./PortHealthTab";

const tablePorts = () =>
  within(screen.getByRole("table", { name: "Health of the monitored ports" }))
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[0]?.textContent);

describe("PortHealthTab", () => {
  beforeEach(() => {
    fakeGateway({
      ...baseRoutes(),
      "GET /port-health/8001/history": {
        status: 404,
        body: { status_code: 404, detail: "Not Found" },
      },
    });
  });

  it("lists every port with its status, reason and failures", async () => {
    renderApp(<PortHealthTab />);

    await screen.findByRole("table", { name: "Health of the monitored ports" });
    expect(tablePorts()).toEqual(["8001", "8002", "8201", "18000"]);
    const down = screen.getAllByRole("row")[3]!;
    expect(within(down).getByText("Unhealthy")).toBeInTheDocument();
    expect(within(down).getByText("connection refused")).toBeInTheDocument();
    expect(within(down).getByText("3")).toBeInTheDocument();
  });

  it("filters by range, labelled with the ports it spans", async () => {
    const user = userEvent.setup();
    renderApp(<PortHealthTab />);
    await screen.findByRole("table", { name: "Health of the monitored ports" });

    await user.selectOptions(screen.getByLabelText("Range"), "Scaling ports (8200-8299)");

    expect(tablePorts()).toEqual(["8201"]);
  });

  it("offers a reset when the filters hide every port", async () => {
    const user = userEvent.setup();
    renderApp(<PortHealthTab />);
    await screen.findByRole("table", { name: "Health of the monitored ports" });

    await user.selectOptions(screen.getByLabelText("Range"), "inbound");
    await user.selectOptions(screen.getByLabelText("Status"), "healthy");
    expect(screen.getByText("No ports match current filter")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Reset filters" }));

    expect(tablePorts()).toHaveLength(4);
  });

  it("finds ports by number or by resource name", async () => {
    const user = userEvent.setup();
    renderApp(<PortHealthTab />);
    await screen.findByRole("table", { name: "Health of the monitored ports" });

    await user.type(screen.getByLabelText("Find"), "820");
    expect(tablePorts()).toEqual(["8201"]);
    expect(screen.getByText("1 of 4 ports")).toBeInTheDocument();
    await user.clear(screen.getByLabelText("Find"));
    await user.type(screen.getByLabelText("Find"), "manager18");

    expect(tablePorts()).toEqual(["18000"]);
  });

  it("shows the feed's ports without asking REST for them", async () => {
    const gateway = fakeGateway(baseRoutes());
    const ports = Object.fromEntries(PORTS.map((port) => [port.port, port]));

    renderApp(<PortHealthTab />, { connection: "open", seq: 1, ports });

    await screen.findByRole("table", { name: "Health of the monitored ports" });
    expect(tablePorts()).toEqual(["8001", "8002", "8201", "18000"]);
    expect(gateway.calls.map((call) => call.path)).not.toContain("/port-health");
  });

  it("says when the gateway has no history for a port", async () => {
    renderApp(<PortHealthTab />);

    expect(await screen.findByText("No probe history for port 8001.")).toBeInTheDocument();
  });
});
