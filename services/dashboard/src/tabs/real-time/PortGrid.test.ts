import { describe, expect, it } from "vitest";

import { tileColumns } from "./PortGrid";

describe("tileColumns", () => {
  it("fits as many tiles as the box allows, narrower ones in a phone-wide box", () => {
    expect(tileColumns(1200)).toBe(6);
    expect(tileColumns(400)).toBe(2);
    expect(tileColumns(340)).toBe(2);
    expect(tileColumns(0)).toBe(1);
  });
});
