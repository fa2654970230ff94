import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { EarlyFeed } from "../feed/early";
import { FeedProvider } from "../feed/FeedProvider";
import type { FeedHandlers } from "../feed/socket";
import { FEED_GRACE_MS } from "../feed/source";
import { baseRoutes, PORTS, scalingStatus } from "../test/fixtures";
import { fakeGateway, type FakeGateway } from "../test/render";
import { usePorts } from "./usePorts";

/** A feed whose socket the test drives by hand. */
function handFeed() {
  const link: { to: FeedHandlers | null; feed: EarlyFeed } = {
    to: null,
    feed: {
      attach: (handlers) => {
        link.to = handlers;
        return () => {};
      },
    },
  };
  return link;
}

function renderPorts(feed: EarlyFeed) {
  // the app's staleTime: data the snapshot seeded is not fetched again at once
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 5_000 } },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <FeedProvider feed={feed}>{children}</FeedProvider>
    </QueryClientProvider>
  );
  return renderHook(() => usePorts(), { wrapper });
}

const asked = (gateway: FakeGateway, path: string) =>
  gateway.calls.filter((call) => call.path === path).length;

describe("usePorts", () => {
  let gateway: FakeGateway;

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    gateway = fakeGateway(baseRoutes());
  });
  afterEach(() => vi.useRealTimers());

  it("waits for the feed's snapshot instead of fetching every port over REST", async () => {
    const link = handFeed();
    const { result } = renderPorts(link.feed);
    expect(result.current.source).toBe("waiting");
    expect(result.current.isLoading).toBe(true);

    act(() => {
      link.to?.onConnection("open");
      link.to?.onMessages([
        {
          seq: 1,
          type: "snapshot",
          data: { ports: PORTS, scaling_status: scalingStatus(), activity: [] },
        },
      ]);
    });

    expect(result.current.source).toBe("feed");
    expect(result.current.ports.map((port) => port.port)).toEqual([8001, 8002, 8201, 18000]);
    expect(asked(gateway, "/port-health")).toBe(0);
    expect(asked(gateway, "/scaling/status")).toBe(0);
  });

  it("falls back to REST when the feed has not connected within its grace", async () => {
    const { result } = renderPorts(handFeed().feed);

    await act(async () => {
      await vi.advanceTimersByTimeAsync(FEED_GRACE_MS);
    });

    await waitFor(() => expect(result.current.ports).toHaveLength(4));
    expect(result.current.source).toBe("rest");
    expect(asked(gateway, "/port-health")).toBe(1);
  });

  it("falls back to REST at once when the feed drops", async () => {
    const link = handFeed();
    const { result } = renderPorts(link.feed);

    act(() => link.to?.onConnection("reconnecting"));

    await waitFor(() => expect(result.current.ports).toHaveLength(4));
    expect(result.current.source).toBe("rest");
  });
});
