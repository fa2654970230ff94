/** Port lists as the screens show them: kinds joined in, metrics, filters and sort orders. */
import type { HealthStatus, PortKind, PortResource } from "../api/types";
import type { LivePort } from "../feed/reducer";

export type PortFilter = "all" | "active" | "healthy" | "unhealthy";
export type PortSort = "port" | "response" | "status";

export interface PortMetrics {
  total: number;
  active: number;
  healthy: number;
  /** mean of the latest response times of ports that have one; null when none has. */
  avgResponseMs: number | null;
  timedPorts: number;
}

// worst first, so sorting by status brings trouble to the top
const STATUS_RANK: Record<HealthStatus, number> = {
  unhealthy: 0,
  warning: 1,
  unknown: 2,
  disabled: 3,
  healthy: 4,
};

export type KindMap = Map<number, PortKind>;

/** Each port's kind (base, scaling, inbound, other) from its tlkresources row. */
export function kindMap(rows: PortResource[]): KindMap {
  return new Map(rows.map((row) => [row.port, row.port_kind]));
}

/** A port's kind, "other" for a port without a row; null while the rows are not known yet. */
export function kindOf(kinds: KindMap | null, port: number): PortKind | null {
  return kinds ? (kinds.get(port) ?? "other") : null;
}

/** Whether a port's latest check connected: the feed says so directly, REST implies it. */
export function lastCheckConnected(port: LivePort): boolean {
  // a port with monitoring off is not checked now, whatever its last check said
  if (port.status === "disabled") return false;
  if (port.last_ok !== undefined && port.last_ok !== null) return port.last_ok;
  return port.last_check_time !== null && port.consecutive_failures === 0;
}

export function portMetrics(ports: LivePort[]): PortMetrics {
  const times = ports
    .map((port) => port.response_time_ms)
    .filter((ms): ms is number => ms !== null);
  const sum = times.reduce((total, ms) => total + ms, 0);
  return {
    total: ports.length,
    active: ports.filter(lastCheckConnected).length,
    healthy: ports.filter((port) => port.status === "healthy").length,
    avgResponseMs: times.length ? sum / times.length : null,
    timedPorts: times.length,
  };
}

export function countByStatus(ports: LivePort[]): Record<HealthStatus, number> {
  const counts: Record<HealthStatus, number> = {
    healthy: 0,
    warning: 0,
    unhealthy: 0,
    disabled: 0,
    unknown: 0,
  };
  for (const port of ports) counts[port.status] = (counts[port.status] ?? 0) + 1;
  return counts;
}

export function filterPorts<T extends LivePort>(ports: T[], filter: PortFilter): T[] {
  switch (filter) {
    case "active":
      return ports.filter(lastCheckConnected);
    case "healthy":
      return ports.filter((port) => port.status === "healthy");
    case "unhealthy":
      return ports.filter((port) => port.status === "unhealthy");
    default:
      return ports;
  }
}

function byResponse(a: LivePort, b: LivePort): number {
  if (a.response_time_ms === null) return b.response_time_ms === null ? 0 : 1;
  if (b.response_time_ms === null) return -1;
  return b.response_time_ms - a.response_time_ms;
}

/** Sorted copy: by port number, slowest response first, or worst status first. */
export function sortPorts<T extends LivePort>(ports: T[], sort: PortSort): T[] {
  const copy = [...ports];
  if (sort === "response") return copy.sort((a, b) => byResponse(a, b) || a.port - b.port);
  if (sort === "status") {
    return copy.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.port - b.port);
  }
  return copy.sort((a, b) => a.port - b.port);
}

/** "8001–8008" for the ports given, or null when there are none. */
export function spanOf(ports: number[]): string | null {
  if (!ports.length) return null;
  const low = Math.min(...ports);
  const high = Math.max(...ports);
  return low === high ? String(low) : `${low}–${high}`;
}
