/** Starts the dashboard: query cache, sign-in, live feed, scaling outcomes, then the console. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { AuthGate } from "./auth/AuthGate";
import { FeedProvider } from "./feed/FeedProvider";
import { openFeedEarly } from "./feed/early";
import { OperationsProvider } from "./scaling/operations";
import "./styles/index.css";

const client = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: true },
  },
});

/** The console of a signed-in user: the feed opens here, as it needs the session cookie. */
function Console() {
  const [feed] = useState(() => openFeedEarly());
  return (
    <FeedProvider feed={feed}>
      <OperationsProvider>
        <App />
      </OperationsProvider>
    </FeedProvider>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <AuthGate>
        <Console />
      </AuthGate>
    </QueryClientProvider>
  </StrictMode>,
);
