/** Holds the live feed's state for the whole app and refetches REST data its events touch. */
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useReducer, useRef, useState, type ReactNode } from "react";

import { keys } from "../api/queries";
import { createBatcher } from "./batcher";
import { FeedContext, SourceContext } from "./context";
import type { EarlyFeed } from "./early";
import type { FeedMessage } from "./messages";
import { feedReducer, initialFeedState, type FeedState } from "./reducer";
import { FEED_GRACE_MS, portSource } from "./source";

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
  /** the socket opened at start-up; null keeps the feed closed (tests, a page without one). */
  feed: EarlyFeed | null;
  initial?: FeedState;
}

export function FeedProvider({ children, feed, initial = initialFeedState }: ProviderProps) {
  const client = useQueryClient();
  const [state, dispatch] = useReducer(feedReducer, initial);
  const seq = useRef<number | null>(null);
  const patient = usePatience(feed !== null);

  useEffect(() => {
    seq.current = state.seq;
  }, [state.seq]);

  useEffect(() => {
    if (!feed) return;
    const batcher = createBatcher((messages) => {
      dispatch({ type: "messages", messages });
      syncQueries(client, messages);
    });
    const detach = feed.attach({
      lastSeq: () => seq.current,
      onConnection: (connection) => {
        batcher.flush();
        dispatch({ type: "connection", connection });
      },
      onMessages: batcher.push,
    });
    return () => {
      // what is pending was already taken from the socket: apply it rather than lose it
      detach();
      batcher.flush();
    };
  }, [client, feed]);

  return (
    <FeedContext.Provider value={state}>
      <SourceContext.Provider value={portSource(state, patient)}>{children}</SourceContext.Provider>
    </FeedContext.Provider>
  );
}

/** True while a first connection is within its grace; always false with the feed off. */
function usePatience(enabled: boolean): boolean {
  const [patient, setPatient] = useState(enabled);

  useEffect(() => {
    if (!enabled) {
      setPatient(false);
      return;
    }
    const timer = setTimeout(() => setPatient(false), FEED_GRACE_MS);
    return () => clearTimeout(timer);
  }, [enabled]);

  return patient;
}
