import { describe, expect, it } from "vitest";

import { healthItem } from "../test/fixtures";
import { portSource } from "./source";

const ports = { 8001: healthItem(8001) };

describe("portSource", () => {
  it("is the feed once it is open and has sent its snapshot", () => {
    expect(portSource({ connection: "open", ports }, true)).toBe("feed");
    expect(portSource({ connection: "open", ports }, false)).toBe("feed");
  });

  it("waits for a first connection or snapshot within the grace", () => {
    expect(portSource({ connection: "connecting", ports: null }, true)).toBe("waiting");
    expect(portSource({ connection: "open", ports: null }, true)).toBe("waiting");
  });

  it("falls back to REST once the grace is over or the feed has dropped", () => {
    expect(portSource({ connection: "connecting", ports: null }, false)).toBe("rest");
    expect(portSource({ connection: "reconnecting", ports }, true)).toBe("rest");
  });
});
