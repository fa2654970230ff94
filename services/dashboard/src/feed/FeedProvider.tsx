/** Holds the live feed's state for the whole app and refetches REST data its events touch. */
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useReducer, useRef, type ReactNode } from "react";

import { keys } from "../api/queries";
import type { FeedMessage } from "./messages";
import { feedReducer, initialFeedState, type FeedState } from "./reducer";
import { openFeed } from "./socket";

const FeedContext = createContext<FeedState>(initialFeedState);

/** Brings REST caches in line with a batch: a snapshot seeds them, a change refetches them. */
export function syncQueries(client: QueryClient, messages: FeedMessage[]) {
  const types = new Set(messages.map((message) => message.type));
  const snapshot = messages.findLast((message) => message.type === "snapshot");
  if (snapshot?.type === "snapshot")
    client.setQueryData(keys.scalingStatus, snapshot.data.scaling_status);

  const stale = [];
  if (types.has("scaling.created") || types.has("scaling.removed")) {
    stale.push(
      keys.scalingStatus,
      keys.candidates,
      keys.nextPortAll,
      keys.portHealth,
      keys.monitoring,
    );
  }
  if (types.has("monitoring.updated"))
    stale.push(keys.monitoring, keys.candidates, keys.portHealth);
  for (const queryKey of stale) void client.invalidateQueries({ queryKey });
}

interface ProviderProps {
  children: ReactNode;
  /** false keeps the socket closed (tests, or a page without a gateway). */
  enabled?: boolean;
  initial?: FeedState;
}

export function FeedProvider({
  children,
  enabled = true,
  initial = initialFeedState,
}: ProviderProps) {
  const client = useQueryClient();
  const [state, dispatch] = useReducer(feedReducer, initial);
  const seq = useRef<number | null>(null);

  useEffect(() => {
    seq.current = state.seq;
  }, [state.seq]);

  useEffect(() => {
    if (!enabled) return;
    return openFeed({
      lastSeq: () => seq.current,
      onConnection: (connection) => dispatch({ type: "connection", connection }),
      onMessages: (messages) => {
        dispatch({ type: "messages", messages });
        syncQueries(client, messages);
      },
    });
  }, [client, enabled]);

  return <FeedContext.Provider value={state}>{children}</FeedContext.Provider>;
}

export function useFeed(): FeedState {
  return useContext(FeedContext);
}
