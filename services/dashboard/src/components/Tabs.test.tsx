import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { Tabs, type TabSpec } from "./Tabs";

const TABS: TabSpec[] = ["One", "Two", "Three"].map((label) => ({
  id: label.toLowerCase(),
  label,
  render: () => <p>{label} content</p>,
}));

function Harness() {
  const [selected, setSelected] = useState("one");
  return <Tabs label="Sections" tabs={TABS} selected={selected} onSelect={setSelected} />;
}

describe("Tabs", () => {
  it("moves between tabs with the arrow keys, Home and End, wrapping around", async () => {
    const user = userEvent.setup();
    render(<Harness />);

    await user.click(screen.getByRole("tab", { name: "One" }));
    await user.keyboard("{ArrowLeft}");
    expect(screen.getByRole("tab", { name: "Three" })).toHaveFocus();
    expect(screen.getByRole("tabpanel", { name: "Three" })).toHaveTextContent("Three content");

    await user.keyboard("{Home}{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Two" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("tab", { name: "One" })).toHaveAttribute("tabindex", "-1");
  });
});
