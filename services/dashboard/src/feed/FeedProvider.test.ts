import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";

import { keys } from "../api/queries";
import { scalingStatus } from "../test/fixtures";
import { syncQueries } from "./FeedProvider";

describe("syncQueries", () => {
  it("seeds the scaling status from a snapshot", () => {
    const client = new QueryClient();
    const status = scalingStatus([8200]);

    syncQueries(client, [
      { seq: 1, type: "snapshot", data: { ports: [], scaling_status: status, activity: [] } },
    ]);

    expect(client.getQueryData(keys.scalingStatus)).toEqual(status);
  });

  it("refetches what a scaling event changes, and nothing for health samples", () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, "invalidateQueries");

    syncQueries(client, [
      { seq: 2, type: "health.samples", data: { at: "2026-12-03T16:00:00Z", samples: [] } },
    ]);
    expect(invalidate).not.toHaveBeenCalled();
    syncQueries(client, [
      {
        seq: 3,
        type: "scaling.removed",
        data: { event_id: "e", at: "2026-12-03T16:00:00Z", port: 8200 },
      },
    ]);

    const refetched = invalidate.mock.calls.map(([filters]) => filters?.queryKey?.[0]);
    expect(refetched).toEqual(
      expect.arrayContaining(["scaling-status", "scaling-candidates", "port-monitoring"]),
    );
  });
});
