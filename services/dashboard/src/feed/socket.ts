/** One WebSocket to the gateway's feed that reconnects with backoff and resumes after its seq. */
import { API_PREFIX } from "../api/client";
import { parseFrame, type FeedMessage } from "./messages";
import type { Connection } from "./reducer";

export interface FeedHandlers {
  onMessages: (messages: FeedMessage[]) => void;
  onConnection: (connection: Connection) => void;
  /** the last seq applied, to resume from after a reconnect. */
  lastSeq: () => number | null;
}

// waits before each reconnect: doubles from the first to the last, then stays there
export const BACKOFF_MS = { first: 1_000, max: 30_000 } as const;

/** The feed's URL on the page's own origin, with `since` when resuming. */
export function feedUrl(location: Pick<Location, "protocol" | "host">, since: number | null) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const query = since === null ? "" : `?since=${since}`;
  return `${scheme}//${location.host}${API_PREFIX}/ws${query}`;
}

export function backoffDelay(attempt: number): number {
  return Math.min(BACKOFF_MS.max, BACKOFF_MS.first * 2 ** attempt);
}

/** Opens the feed and keeps it open until `close()`; returns the closer. */
export function openFeed(handlers: FeedHandlers, location: Location = window.location) {
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let closed = false;

  const connect = () => {
    socket = new WebSocket(feedUrl(location, handlers.lastSeq()));
    socket.onopen = () => {
      attempt = 0;
      handlers.onConnection("open");
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== "string") return;
      try {
        handlers.onMessages(parseFrame(event.data));
      } catch (error) {
        console.warn("feed frame ignored: not JSON", error);
      }
    };
    socket.onclose = () => {
      if (closed) return;
      handlers.onConnection("reconnecting");
      timer = setTimeout(connect, backoffDelay(attempt++));
    };
  };

  connect();
  return () => {
    closed = true;
    clearTimeout(timer);
    socket?.close();
  };
}
