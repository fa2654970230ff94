/** Starts the dashboard: query cache, live feed, scaling outcomes, then the console. */
// imported first so that it runs first
import { bootFeed } from "./feed/boot";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { FeedProvider } from "./feed/FeedProvider";
import { OperationsProvider } from "./scaling/operations";
import "./styles/index.css";

const client = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: true },
  },
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <FeedProvider feed={bootFeed}>
        <OperationsProvider>
          <App />
        </OperationsProvider>
      </FeedProvider>
    </QueryClientProvider>
  </StrictMode>,
);
