/** Gathers feed messages so the page re-renders at most a few times a second, not per frame. */
import type { FeedMessage } from "./messages";

// the prober flushes samples about once a second; four renders a second keep figures fresh
export const FEED_BATCH_MS = 250;

export interface Batcher {
  push: (messages: FeedMessage[]) => void;
  /** hands over what is pending now, as before a change of connection. */
  flush: () => void;
}

/**
 * Passes messages to `deliver` in order, at most once per `intervalMs`: the first after a quiet
 * spell goes at once (a lone scaling event shows without delay), later ones wait for the rest
 * of the interval. A snapshot goes at once, with anything pending before it.
 */
export function createBatcher(
  deliver: (messages: FeedMessage[]) => void,
  intervalMs = FEED_BATCH_MS,
  now: () => number = () => Date.now(),
): Batcher {
  let pending: FeedMessage[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    last = now();
    deliver(batch);
  };

  const push = (messages: FeedMessage[]) => {
    if (!messages.length) return;
    pending = pending.length ? pending.concat(messages) : messages;
    const wait = last + intervalMs - now();
    if (wait <= 0 || messages.some((message) => message.type === "snapshot")) flush();
    else timer ??= setTimeout(flush, wait);
  };

  return { push, flush };
}
