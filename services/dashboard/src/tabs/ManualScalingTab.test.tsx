import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { baseRoutes } from "../test/fixtures";
import { fakeGateway, renderApp } from "../test/render";
import { ManualScalingTab } from "./ManualScalingTab";

const nextPort = {
  body: {
    base_port: 8002,
    next_available_port: 8200,
    scaling_range: "8200-8299",
    existing_ports: [8201],
  },
};

describe("ManualScalingTab", () => {
  it("creates the next port after confirmation and shows the gateway's message", async () => {
    const user = userEvent.setup();
    const gateway = fakeGateway({
      ...baseRoutes(),
      "GET /scaling/next-port/8002": nextPort,
      "POST /scaling/create/8200": {
        status: 201,
        body: { message: "Scaling port 8200 created successfully", new_port: 8200 },
      },
    });
    renderApp(<ManualScalingTab />);

    await user.click(await screen.findByRole("button", { name: "Create port 8200" }));
    const dialog = screen.getByRole("dialog", { name: "Create scaling ports" });
    expect(gateway.calls.some((call) => call.method === "POST")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Create" }));

    expect(await screen.findByText("Scaling port 8200 created successfully")).toBeInTheDocument();
  });

  it("shows a 409's detail with its status", async () => {
    const user = userEvent.setup();
    fakeGateway({
      ...baseRoutes(),
      "GET /scaling/next-port/8002": nextPort,
      "POST /scaling/create/8201": {
        status: 409,
        body: { status_code: 409, detail: "Port 8201 already exists; remove it first." },
      },
    });
    renderApp(<ManualScalingTab />);

    await user.type(await screen.findByLabelText("Port to create"), "8201");
    await user.click(screen.getByRole("button", { name: "Create this port" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Create" }));

    const log = await screen.findByRole("log", { name: "Results of scaling requests" });
    expect(
      await within(log).findByText("Port 8201 already exists; remove it first."),
    ).toBeInTheDocument();
    expect(within(log).getByText("409")).toBeInTheDocument();
  });

  it("suggests removing the highest port and cancels without a request", async () => {
    const user = userEvent.setup();
    const gateway = fakeGateway({ ...baseRoutes(), "GET /scaling/next-port/8002": nextPort });
    renderApp(<ManualScalingTab />);

    await user.click(await screen.findByRole("button", { name: "Remove highest (8201)" }));
    await user.keyboard("{Escape}");

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(gateway.calls.some((call) => call.method === "DELETE")).toBe(false);
  });
});
