import { describe, expect, it } from "vitest";

import { kindMap } from "../../health/ports";
import { PORTS, RESOURCES } from "../../test/fixtures";
import { applyFilters, kindOptions, NO_FILTERS } from "./filters";

const kinds = kindMap(RESOURCES);
const portsOf = (ports: { port: number }[]) => ports.map((port) => port.port);

describe("applyFilters", () => {
  it("finds a port by part of its number or, in any case, of its resource name", () => {
    expect(portsOf(applyFilters(PORTS, kinds, { ...NO_FILTERS, text: " 820 " }))).toEqual([8201]);
    expect(portsOf(applyFilters(PORTS, kinds, { ...NO_FILTERS, text: "MANAGER800" }))).toEqual([
      8001, 8002,
    ]);
  });

  it("combines range, status and text", () => {
    const filters = { kind: "base", status: "warning", text: "800" } as const;

    expect(portsOf(applyFilters(PORTS, kinds, filters))).toEqual([8002]);
  });

  it("lets no port through a range filter while the kinds are not known", () => {
    expect(applyFilters(PORTS, null, { ...NO_FILTERS, kind: "base" })).toEqual([]);
    expect(applyFilters(PORTS, null, NO_FILTERS)).toHaveLength(4);
  });
});

describe("kindOptions", () => {
  it("labels each range with the ports it spans, scaling with the configured ranges", () => {
    expect(kindOptions(PORTS, kinds, ["8200-8299"]).map((option) => option.label)).toEqual([
      "Base ports (8001–8002)",
      "Scaling ports (8200-8299)",
      "Inbound ports (18000)",
    ]);
  });
});
