import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createBatcher } from "./batcher";
import type { FeedMessage } from "./messages";

const ping = (seq: number): FeedMessage => ({ seq, type: "ping", data: {} });
const snapshot = (seq: number): FeedMessage => ({
  seq,
  type: "snapshot",
  data: { ports: [], scaling_status: {} as never, activity: [] },
});
const seqs = (batches: FeedMessage[][]) => batches.map((batch) => batch.map((m) => m.seq));

describe("createBatcher", () => {
  let delivered: FeedMessage[][];

  beforeEach(() => {
    vi.useFakeTimers();
    delivered = [];
  });
  afterEach(() => vi.useRealTimers());

  it("delivers the first frame after a quiet spell at once", () => {
    const batcher = createBatcher((batch) => delivered.push(batch), 250);

    batcher.push([ping(1)]);

    expect(seqs(delivered)).toEqual([[1]]);
  });

  it("gathers the frames of the next interval into one delivery, in order", () => {
    const batcher = createBatcher((batch) => delivered.push(batch), 250);
    batcher.push([ping(1)]);

    batcher.push([ping(2)]);
    batcher.push([ping(3), ping(4)]);
    vi.advanceTimersByTime(249);
    expect(seqs(delivered)).toEqual([[1]]);
    vi.advanceTimersByTime(1);

    expect(seqs(delivered)).toEqual([[1], [2, 3, 4]]);
  });

  it("delivers a snapshot at once, with what was pending before it", () => {
    const batcher = createBatcher((batch) => delivered.push(batch), 250);
    batcher.push([ping(1)]);
    batcher.push([ping(2)]);

    batcher.push([snapshot(3)]);

    expect(seqs(delivered)).toEqual([[1], [2, 3]]);
    vi.advanceTimersByTime(500);
    expect(delivered).toHaveLength(2);
  });

  it("hands over what is pending on flush", () => {
    const batcher = createBatcher((batch) => delivered.push(batch), 250);
    batcher.push([ping(1)]);
    batcher.push([ping(2)]);

    batcher.flush();

    expect(seqs(delivered)).toEqual([[1], [2]]);
    vi.advanceTimersByTime(500);
    expect(delivered).toHaveLength(2);
  });
});
