import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { healthItem } from "../../test/fixtures";
import { HealthTable } from "./HealthTable";

const ROW_PX = 47;
const BOX_PX = 450;
const ports = Array.from({ length: 500 }, (_, index) => healthItem(30000 + index));

const table = () => screen.getByRole("table", { name: "Health of the monitored ports" });
// plain selectors: role queries over a few hundred cells take seconds in jsdom
const builtRows = () => [...document.querySelectorAll("tbody tr:not([aria-hidden])")];
const builtPorts = () => builtRows().map((row) => row.querySelector("td")?.textContent);

describe("HealthTable with many ports", () => {
  beforeEach(() => {
    // jsdom lays nothing out: give the scroll box and each row the heights a browser would
    vi.spyOn(Element.prototype, "clientHeight", "get").mockImplementation(function (this: Element) {
      return this.getAttribute("role") === "region" ? BOX_PX : 0;
    });
    vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockImplementation(function (
      this: HTMLElement,
    ) {
      return this.tagName === "TR" ? ROW_PX : 0;
    });
  });

  it("builds the rows in view only, and tells assistive technology how many there are", () => {
    render(<HealthTable ports={ports} selected={null} onSelect={() => {}} />);

    expect(table()).toHaveAttribute("aria-rowcount", "501");
    expect(builtRows().length).toBeLessThan(40);
    expect(builtPorts()[0]).toBe("30000");
    expect(builtRows()[0]).toHaveAttribute("aria-rowindex", "2");
  });

  it("builds the last rows once the box is scrolled to its end", () => {
    render(<HealthTable ports={ports} selected={null} onSelect={() => {}} />);
    const box = screen.getByRole("region", { name: "Monitored ports" });

    act(() => {
      Object.defineProperty(box, "scrollTop", { value: ports.length * ROW_PX, configurable: true });
      fireEvent.scroll(box);
    });

    expect(builtPorts()).toContain("30499");
    expect(builtPorts()).not.toContain("30000");
    expect(builtRows().at(-1)).toHaveAttribute("aria-rowindex", "501");
  });
});
