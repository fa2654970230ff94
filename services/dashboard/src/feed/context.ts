/** The live feed's state and the ports' source as React contexts, with hooks to read them. */
import { createContext, useContext } from "react";

import { initialFeedState, type FeedState } from "./reducer";
import type { PortSource } from "./source";

export const FeedContext = createContext<FeedState>(initialFeedState);
export const SourceContext = createContext<PortSource>("rest");

export function useFeed(): FeedState {
  return useContext(FeedContext);
}

/** Whether the ports on screen come from the feed, from REST, or are still awaited. */
export function useFeedSource(): PortSource {
  return useContext(SourceContext);
}
