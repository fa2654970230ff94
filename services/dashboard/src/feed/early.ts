/** The feed opened as the page starts, before React renders, and handed to the provider later. */
import type { FeedMessage } from "./messages";
import type { Connection } from "./reducer";
import { openFeed, type FeedHandlers } from "./socket";

export interface EarlyFeed {
  /** routes the feed to `handlers`, first replaying what came before; returns the detacher. */
  attach: (handlers: FeedHandlers) => () => void;
}

type Call = (handlers: FeedHandlers) => void;

/**
 * Opens the socket now, so the gateway builds the snapshot while the page renders its first
 * screen, instead of after it. What arrives before a provider attaches is kept for it, and so
 * is what arrives between a detach and the next attach (React runs effects twice in dev).
 */
export function openFeedEarly(open: typeof openFeed = openFeed): EarlyFeed {
  let target: FeedHandlers | null = null;
  let backlog: Call[] = [];
  const relay = (call: Call) => (target ? call(target) : backlog.push(call));

  open({
    onMessages: (messages: FeedMessage[]) => relay((to) => to.onMessages(messages)),
    onConnection: (connection: Connection) => relay((to) => to.onConnection(connection)),
    lastSeq: () => target?.lastSeq() ?? null,
  });

  return {
    attach: (handlers) => {
      target = handlers;
      const waiting = backlog;
      backlog = [];
      for (const call of waiting) call(handlers);
      return () => {
        if (target === handlers) target = null;
      };
    },
  };
}
