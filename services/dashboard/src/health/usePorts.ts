/** The ports on screen: from the live feed while it is open, from REST (polled) otherwise. */
import { useMemo } from "react";

import { useMonitoring, usePortHealth, useScalingStatus } from "../api/queries";
import type { HealthMode } from "../api/types";
import { useFeed } from "../feed/FeedProvider";
import { withKinds, type PortView } from "./ports";

export interface PortsOnScreen {
  ports: PortView[];
  source: "feed" | "rest";
  mode: HealthMode | null;
  isLoading: boolean;
  error: unknown;
}

export function usePorts(): PortsOnScreen {
  const feed = useFeed();
  const live = feed.connection === "open" && feed.ports !== null;
  const rest = usePortHealth(!live);
  const scaling = useScalingStatus(!live);
  const monitoring = useMonitoring();

  const ports = useMemo(() => {
    const raw = live && feed.ports ? Object.values(feed.ports) : (rest.data?.ports ?? []);
    return withKinds(raw, monitoring.data?.ports).sort((a, b) => a.port - b.port);
  }, [live, feed.ports, rest.data, monitoring.data]);

  const mode = live ? (scaling.data?.port_health.status ?? null) : (rest.data?.status ?? null);
  return {
    ports,
    source: live ? "feed" : "rest",
    mode,
    isLoading: !live && rest.isLoading,
    error: live ? null : rest.error,
  };
}
