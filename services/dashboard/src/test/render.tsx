/** Renders a component with the app's providers over a fake gateway that answers from a table. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";

import { FeedProvider } from "../feed/FeedProvider";
import { initialFeedState, type FeedState } from "../feed/reducer";
import { OperationsProvider } from "../scaling/operations";

export type Reply = { status?: number; body: unknown };
/** "METHOD /path" (path after /api/components, query dropped) to a reply or a reply maker. */
export type Routes = Record<string, Reply | ((init?: RequestInit) => Reply)>;

export interface FakeGateway {
  calls: { method: string; path: string; body: unknown }[];
}

/** Replaces fetch with one that answers from `routes`; anything else is a 404 with a detail. */
export function fakeGateway(routes: Routes): FakeGateway {
  const gateway: FakeGateway = { calls: [] };
  vi.stubGlobal("fetch", async (input: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const path = input.replace("/api/components", "").split("?")[0] ?? "";
    gateway.calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : null });
    const route = routes[`${method} ${path}`];
    const reply = typeof route === "function" ? route(init) : route;
    const status = reply?.status ?? (reply ? 200 : 404);
    const body = reply?.body ?? { status_code: 404, detail: `No route for ${method} ${path}.` };
    return new Response(JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  });
  return gateway;
}

/** Renders `ui` with a fresh query cache and a closed feed holding `feed`. */
export function renderApp(ui: ReactElement, feed: Partial<FeedState> = {}) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <QueryClientProvider client={client}>
      <FeedProvider feed={null} initial={{ ...initialFeedState, ...feed }}>
        <OperationsProvider>{ui}</OperationsProvider>
      </FeedProvider>
    </QueryClientProvider>,
  );
}
