import { describe, expect, it } from "vitest";

import { PORTS, RESOURCES } from "../test/fixtures";
import { filterPorts, kindMap, kindOf, portMetrics, sortPorts, spanOf } from "./ports";

describe("portMetrics", () => {
  it("counts ports, those whose last check connected, healthy ones, and the mean response", () => {
    const metrics = portMetrics(PORTS);

    expect(metrics).toEqual({
      total: 4,
      active: 2,
      healthy: 1,
      avgResponseMs: 150.5,
      timedPorts: 2,
    });
  });

  it("has no mean response when no port has been timed", () => {
    expect(portMetrics([]).avgResponseMs).toBeNull();
  });

  it("trusts the feed's last check over the failure count", () => {
    const [first] = PORTS;
    const metrics = portMetrics([{ ...first!, last_ok: false }]);

    expect(metrics.active).toBe(0);
  });
});

describe("filterPorts and sortPorts", () => {
  const ports = PORTS;

  it("filters active, healthy and unhealthy ports", () => {
    expect(filterPorts(ports, "active").map((p) => p.port)).toEqual([8001, 8002]);
    expect(filterPorts(ports, "healthy").map((p) => p.port)).toEqual([8001]);
    expect(filterPorts(ports, "unhealthy").map((p) => p.port)).toEqual([8201]);
  });

  it("sorts slowest first with untimed ports last, or worst status first", () => {
    expect(sortPorts(ports, "response").map((p) => p.port)).toEqual([8002, 8001, 8201, 18000]);
    expect(sortPorts(ports, "status").map((p) => p.port)).toEqual([8201, 8002, 18000, 8001]);
    expect(sortPorts(ports, "port").map((p) => p.port)).toEqual([8001, 8002, 8201, 18000]);
  });
});

describe("kindOf", () => {
  it("reads each port's kind from its row, other without one, null before the rows", () => {
    const kinds = kindMap(RESOURCES);

    expect(PORTS.map((p) => kindOf(kinds, p.port))).toEqual(["base", "base", "scaling", "inbound"]);
    expect(kindOf(kinds, 9999)).toBe("other");
    expect(kindOf(null, 8001)).toBeNull();
  });
});

describe("spanOf", () => {
  it("names the lowest and highest port", () => {
    expect(spanOf([8003, 8001, 8008])).toBe("8001–8008");
    expect(spanOf([18000])).toBe("18000");
    expect(spanOf([])).toBeNull();
  });
});
