/** Where the ports on screen come from: the live feed, REST while it is down, or neither yet. */
import type { FeedState } from "./reducer";

export type PortSource = "feed" | "rest" | "waiting";

// how long the first connection may take before REST is asked instead; until then a fetch of
// every port over REST would only be thrown away when the snapshot lands a moment later
export const FEED_GRACE_MS = 3_000;

/** The source for `state`; `patient` is true while the first connection is within its grace. */
export function portSource(
  state: Pick<FeedState, "connection" | "ports">,
  patient: boolean,
): PortSource {
  const live = state.connection === "open" && state.ports !== null;
  if (live) return "feed";
  const starting = state.connection !== "reconnecting";
  return starting && patient ? "waiting" : "rest";
}
