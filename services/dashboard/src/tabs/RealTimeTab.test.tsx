import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";

import { baseRoutes, PORTS } from "../test/fixtures";
import { fakeGateway, renderApp } from "../test/render";
import { RealTimeTab } from "./RealTimeTab";

const metric = (label: string) =>
  screen.getByText(label, { selector: "dt" }).closest(".metric") as HTMLElement;
const tilePorts = () =>
  within(screen.getByRole("list", { name: "Ports" }))
    .getAllByRole("listitem")
    .map((tile) => tile.querySelector(".tile__port")?.textContent);

describe("RealTimeTab", () => {
  beforeEach(() => {
    fakeGateway(baseRoutes());
  });

  it("computes its metrics from the ports the gateway reports", async () => {
    renderApp(<RealTimeTab />);

    await screen.findByRole("list", { name: "Ports" });
    expect(within(metric("Total Ports")).getByText("4")).toBeInTheDocument();
    expect(within(metric("Active Now")).getByText("2")).toBeInTheDocument();
    expect(within(metric("Healthy")).getByText("1")).toBeInTheDocument();
    expect(within(metric("Avg Response")).getByText("151 ms")).toBeInTheDocument();
  });

  it("sorts by response time, slowest first", async () => {
    const user = userEvent.setup();
    renderApp(<RealTimeTab />);
    await screen.findByRole("list", { name: "Ports" });

    await user.selectOptions(screen.getByLabelText("Sort by"), "response");

    expect(tilePorts()).toEqual(["8002", "8001", "8201", "18000"]);
  });

  it("explains an empty filter and resets it", async () => {
    const user = userEvent.setup();
    fakeGateway({
      ...baseRoutes(),
      "GET /port-health": {
        body: { status: "live", ports: PORTS.filter((p) => p.status !== "unhealthy") },
      },
    });
    renderApp(<RealTimeTab />);
    await screen.findByRole("list", { name: "Ports" });

    await user.selectOptions(screen.getByLabelText("Filter"), "unhealthy");
    expect(screen.getByText("No ports match current filter")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Show all ports" }));

    expect(tilePorts()).toHaveLength(3);
  });

  it("switches to the list view", async () => {
    const user = userEvent.setup();
    renderApp(<RealTimeTab />);
    await screen.findByRole("list", { name: "Ports" });

    await user.click(screen.getByRole("button", { name: "List view" }));

    expect(screen.getByRole("table", { name: "Ports" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "List view" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });

  it("shows the live activity newest first and filters it by kind", async () => {
    const user = userEvent.setup();
    const activity = [
      {
        key: "b",
        kind: "health",
        at: "2026-12-03T16:00:02Z",
        port: 8001,
        title: "Port 8001: healthy → unhealthy",
        detail: null,
        tone: "bad",
      },
      {
        key: "a",
        kind: "scaling",
        at: "2026-12-03T16:00:01Z",
        port: 8200,
        title: "Port 8200 created",
        detail: null,
        tone: "good",
      },
    ] as const;
    renderApp(<RealTimeTab />, { connection: "open", activity: [...activity] });

    const log = screen.getByTestId("activity-log");
    expect(
      within(log)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([
      expect.stringContaining("healthy → unhealthy"),
      expect.stringContaining("8200 created"),
    ]);
    await user.click(screen.getByRole("button", { name: "health" }));

    expect(within(log).getAllByRole("listitem")).toHaveLength(1);
  });

  it("says the feed is not connected instead of showing an empty log", () => {
    renderApp(<RealTimeTab />, { connection: "reconnecting" });

    expect(screen.getByText("Live feed not connected")).toBeInTheDocument();
  });
});
