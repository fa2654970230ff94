/** The ports on screen: from the live feed while it is open, from REST (polled) otherwise. */
import { useMemo } from "react";

import { useMonitoring, usePortHealth, useScalingStatus } from "../api/queries";
import type { HealthMode } from "../api/types";
import { useFeed, useFeedSource } from "../feed/context";
import type { LivePort } from "../feed/reducer";
import type { PortSource } from "../feed/source";
import { kindMap, type KindMap } from "./ports";

export interface PortsOnScreen {
  /** sorted by port number. */
  ports: LivePort[];
  source: PortSource;
  mode: HealthMode | null;
  isLoading: boolean;
  error: unknown;
}

const byPort = (a: LivePort, b: LivePort) => a.port - b.port;

export function usePorts(): PortsOnScreen {
  const feed = useFeed();
  const source = useFeedSource();
  const live = source === "feed";
  // while the feed is live or about to be, /port-health would only repeat its snapshot
  const rest = usePortHealth(source === "rest");
  const scaling = useScalingStatus();

  const ports = useMemo(() => {
    if (live && feed.ports) return Object.values(feed.ports).sort(byPort);
    return [...(rest.data?.ports ?? [])].sort(byPort);
  }, [live, feed.ports, rest.data]);

  const mode = live ? (scaling.data?.port_health.status ?? null) : (rest.data?.status ?? null);
  return {
    ports,
    source,
    mode,
    isLoading: source === "waiting" || (source === "rest" && rest.isLoading),
    error: source === "rest" ? rest.error : null,
  };
}

/** Each port's kind from its tlkresources row, read on first use; null until it is read. */
export function usePortKinds(): KindMap | null {
  // kinds only label and filter; they wait so as not to slow the gateway's snapshot
  const monitoring = useMonitoring(useFeedSource() !== "waiting");
  const rows = monitoring.data?.ports;
  return useMemo(() => (rows ? kindMap(rows) : null), [rows]);
}
