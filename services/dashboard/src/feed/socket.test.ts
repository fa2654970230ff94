import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { FeedMessage } from "./messages";
import { backoffDelay, feedUrl, openFeed } from "./socket";

class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  close() {
    this.onclose?.();
  }
}

const page = { protocol: "http:", host: "console.example:8000" } as Location;

describe("feedUrl", () => {
  it("uses the page's host, and wss under https", () => {
    expect(feedUrl(page, null)).toBe("ws://console.example:8000/api/components/ws");
    expect(feedUrl({ ...page, protocol: "https:" }, 42)).toBe(
      "wss://console.example:8000/api/components/ws?since=42",
    );
  });
});

describe("backoffDelay", () => {
  it("doubles from one second up to thirty", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(backoffDelay)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });
});

describe("openFeed", () => {
  beforeEach(() => {
    FakeSocket.made = [];
    vi.useFakeTimers();
    vi.stubGlobal("WebSocket", FakeSocket);
  });
  afterEach(() => vi.useRealTimers());

  it("passes frames on and resumes after the last seq when the socket drops", () => {
    const received: FeedMessage[][] = [];
    const states: string[] = [];
    let last: number | null = null;
    const close = openFeed(
      {
        onMessages: (messages) => {
          received.push(messages);
          last = messages.at(-1)?.seq ?? last;
        },
        onConnection: (state) => states.push(state),
        lastSeq: () => last,
      },
      page,
    );
    const first = FakeSocket.made[0]!;
    first.onopen?.();
    first.onmessage?.({ data: '[{"seq":7,"type":"ping","data":{}}]' } as MessageEvent);

    first.onclose?.();
    vi.advanceTimersByTime(1000);

    expect(received).toEqual([[{ seq: 7, type: "ping", data: {} }]]);
    expect(states).toEqual(["open", "reconnecting"]);
    expect(FakeSocket.made[1]?.url).toBe("ws://console.example:8000/api/components/ws?since=7");
    close();
    expect(FakeSocket.made).toHaveLength(2);
  });
});
