import { describe, expect, it } from "vitest";

import { healthItem, scalingStatus } from "../test/fixtures";
import type { FeedMessage } from "./messages";
import { feedReducer, initialFeedState, type FeedState } from "./reducer";

const snapshot = (seq: number, ports = [healthItem(8001), healthItem(8002)]): FeedMessage => ({
  seq,
  type: "snapshot",
  data: {
    ports,
    scaling_status: scalingStatus([]),
    activity: [
      {
        event_id: "e2",
        at: "2026-12-03T15:59:00Z",
        action: "scaling.remove",
        port: 8201,
        outcome: "applied",
        detail: "removed",
      },
      {
        event_id: "e1",
        at: "2026-12-03T15:58:00Z",
        action: "scaling.create",
        port: 8201,
        outcome: "refused",
        detail: "exists",
      },
    ],
  },
});

const apply = (state: FeedState, ...messages: FeedMessage[]) =>
  feedReducer(state, { type: "messages", messages });

describe("feedReducer", () => {
  it("replaces every port and the activity log with a snapshot", () => {
    const state = apply(initialFeedState, snapshot(10));

    expect(state.seq).toBe(10);
    expect(Object.keys(state.ports ?? {})).toEqual(["8001", "8002"]);
    expect(state.activity.map((entry) => entry.title)).toEqual([
      "scaling.remove on port 8201: applied",
      "scaling.create on port 8201: refused",
    ]);
  });

  it("applies deltas after a snapshot and logs them newest first", () => {
    const changed: FeedMessage = {
      seq: 11,
      type: "health.changed",
      data: {
        port: 8001,
        from: "healthy",
        to: "unhealthy",
        reason: "connection refused",
        response_time_ms: null,
        at: "2026-12-03T16:00:01Z",
      },
    };
    const created: FeedMessage = {
      seq: 12,
      type: "scaling.created",
      data: {
        event_id: "e3",
        at: "2026-12-03T16:00:02Z",
        port: 8200,
        base_port: 8002,
        resource: { name: "RealTimeManager_Scale_8200", ip: "127.0.0.1", port: 8200 },
      },
    };

    const state = apply(initialFeedState, snapshot(10), changed, created);

    expect(state.seq).toBe(12);
    expect(state.ports?.[8001]).toMatchObject({
      status: "unhealthy",
      is_healthy: false,
      reason: "connection refused",
    });
    expect(state.ports?.[8200]).toMatchObject({
      resource_name: "RealTimeManager_Scale_8200",
      status: "unknown",
    });
    expect(state.activity[0]?.title).toBe(
      "Port 8200 created (RealTimeManager_Scale_8200, from base 8002)",
    );
    expect(state.activity[1]?.title).toBe("Port 8001: healthy → unhealthy");
  });

  it("updates each port's figures from a second's samples", () => {
    const samples: FeedMessage = {
      seq: 11,
      type: "health.samples",
      data: {
        at: "2026-12-03T16:00:05Z",
        samples: [
          {
            port: 8002,
            ok: false,
            response_time_ms: null,
            status: "healthy",
            reason: "connection refused",
            consecutive_failures: 1,
            checked_at: "2026-12-03T16:00:05Z",
          },
        ],
      },
    };

    const state = apply(initialFeedState, snapshot(10), samples);

    expect(state.ports?.[8002]).toMatchObject({
      last_ok: false,
      consecutive_failures: 1,
      response_time_ms: null,
      last_check_time: "2026-12-03T16:00:05Z",
    });
    expect(state.activity).toHaveLength(2);
  });

  it("ignores messages at or below the last seq, as a resumed stream may repeat them", () => {
    const removed = (seq: number): FeedMessage => ({
      seq,
      type: "scaling.removed",
      data: { event_id: `r${seq}`, at: "2026-12-03T16:00:00Z", port: 8002 },
    });

    const once = apply(initialFeedState, snapshot(10), removed(11));
    const again = apply(once, removed(11), removed(9));

    expect(again).toBe(once);
    expect(again.activity.filter((entry) => entry.kind === "scaling")).toHaveLength(1);
  });

  it("takes a fresh snapshot even when its seq is lower, as after a gateway restart", () => {
    const before = apply(initialFeedState, snapshot(50));

    const after = apply(before, snapshot(3, [healthItem(8003)]));

    expect(after.seq).toBe(3);
    expect(Object.keys(after.ports ?? {})).toEqual(["8003"]);
  });

  it("keeps pings out of the log but remembers their seq", () => {
    const state = apply(initialFeedState, snapshot(10), { seq: 11, type: "ping", data: {} });

    expect(state.seq).toBe(11);
    expect(state.activity).toHaveLength(2);
  });

  it("copies the ports once per batch and keeps the objects of ports it did not change", () => {
    const before = apply(initialFeedState, snapshot(10));
    const sample = (seq: number, port: number, ms: number): FeedMessage => ({
      seq,
      type: "health.samples",
      data: {
        at: "2026-12-03T16:00:05Z",
        samples: [
          {
            port,
            ok: true,
            response_time_ms: ms,
            status: "healthy",
            reason: "connected",
            consecutive_failures: 0,
            checked_at: "2026-12-03T16:00:05Z",
          },
        ],
      },
    });

    const after = apply(before, sample(11, 8002, 3), sample(12, 8002, 4), sample(13, 8002, 5));

    expect(after.ports).not.toBe(before.ports);
    expect(after.ports?.[8001]).toBe(before.ports?.[8001]);
    expect(after.ports?.[8002]?.response_time_ms).toBe(5);
    expect(before.ports?.[8002]?.response_time_ms).toBe(1);
    expect(after.applied).toBe(before.applied + 3);
  });

  it("keeps the same ports map for a batch that touches no port", () => {
    const before = apply(initialFeedState, snapshot(10));

    const after = apply(before, { seq: 11, type: "ping", data: {} });

    expect(after.ports).toBe(before.ports);
  });

  it("drops what came before a snapshot in the same batch", () => {
    const removed: FeedMessage = {
      seq: 11,
      type: "scaling.removed",
      data: { event_id: "r", at: "2026-12-03T16:00:00Z", port: 8002 },
    };

    const state = apply(initialFeedState, snapshot(10), removed, snapshot(12));

    expect(Object.keys(state.ports ?? {})).toEqual(["8001", "8002"]);
    expect(state.activity).toHaveLength(2);
    expect(state.seq).toBe(12);
  });

  it("records the connection state", () => {
    const state = feedReducer(initialFeedState, { type: "connection", connection: "reconnecting" });

    expect(state.connection).toBe("reconnecting");
  });
});
