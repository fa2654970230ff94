import { describe, expect, it } from "vitest";

import { openFeedEarly } from "./early";
import type { FeedMessage } from "./messages";
import type { FeedHandlers } from "./socket";

const ping = (seq: number): FeedMessage => ({ seq, type: "ping", data: {} });

function fakeSocket() {
  const socket: { handlers: FeedHandlers | null } = { handlers: null };
  const open = (handlers: FeedHandlers) => {
    socket.handlers = handlers;
    return () => {};
  };
  return { socket, open };
}

function recorder(lastSeq: number | null = null) {
  const log: string[] = [];
  const handlers: FeedHandlers = {
    onMessages: (messages) => log.push(`messages ${messages.map((m) => m.seq).join(",")}`),
    onConnection: (connection) => log.push(connection),
    lastSeq: () => lastSeq,
  };
  return { log, handlers };
}

describe("openFeedEarly", () => {
  it("replays what arrived before the provider attached, then passes frames straight on", () => {
    const { socket, open } = fakeSocket();
    const feed = openFeedEarly(open);
    socket.handlers?.onConnection("open");
    socket.handlers?.onMessages([ping(1)]);
    const first = recorder();

    feed.attach(first.handlers);
    socket.handlers?.onMessages([ping(2)]);

    expect(first.log).toEqual(["open", "messages 1", "messages 2"]);
  });

  it("keeps frames that come between a detach and the next attach", () => {
    const { socket, open } = fakeSocket();
    const feed = openFeedEarly(open);
    const first = recorder();
    const second = recorder(7);

    feed.attach(first.handlers)();
    socket.handlers?.onMessages([ping(3)]);
    feed.attach(second.handlers);

    expect(first.log).toEqual([]);
    expect(second.log).toEqual(["messages 3"]);
    expect(socket.handlers?.lastSeq()).toBe(7);
  });
});
