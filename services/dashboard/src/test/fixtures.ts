/** Gateway answers shaped like the contract's examples, for component tests. */
import type { PortHealth, PortResource, ScalingStatus } from "../api/types";

export function healthItem(port: number, patch: Partial<PortHealth> = {}): PortHealth {
  return {
    port,
    resource_name: `Manager${port}`,
    ip: "127.0.0.1",
    monitor_enabled: true,
    is_healthy: true,
    status: "healthy",
    reason: null,
    response_time_ms: 1,
    last_check_time: "2026-12-03T16:00:00Z",
    consecutive_failures: 0,
    ...patch,
  };
}

export function resource(port: number, patch: Partial<PortResource> = {}): PortResource {
  const kind = port >= 18000 ? "inbound" : port >= 8200 ? "scaling" : "base";
  return {
    port,
    resource_id: port,
    resource_name: `Manager${port}`,
    resource_type: 1,
    resource_type_name: "RealTime",
    ip: "127.0.0.1",
    rank: 1,
    port_kind: kind,
    scaling_range: port === 8002 ? "8200-8299" : null,
    monitor_enabled: true,
    auto_expand: kind === "base",
    monitor_interval: 30,
    monitor_timeout: 5,
    monitor_threshold: 2,
    ...patch,
  };
}

/** Four ports: two base (one slow), one scaling (down), one inbound (never checked). */
export const PORTS: PortHealth[] = [
  healthItem(8001, { response_time_ms: 0.4 }),
  healthItem(8002, { status: "warning", response_time_ms: 300.6 }),
  healthItem(8201, {
    status: "unhealthy",
    is_healthy: false,
    reason: "connection refused",
    response_time_ms: null,
    consecutive_failures: 3,
  }),
  healthItem(18000, {
    status: "unknown",
    is_healthy: null,
    response_time_ms: null,
    last_check_time: null,
  }),
];

export const RESOURCES: PortResource[] = PORTS.map((port) => resource(port.port));

export function scalingStatus(active: number[] = [8201]): ScalingStatus {
  const all = Array.from({ length: 100 }, (_, index) => 8200 + index);
  const available = all.filter((port) => !active.includes(port));
  return {
    port_health: { status: "live", total_ports: 4, monitored_ports: 4, auto_expand_ports: 2 },
    scaling_candidates: [8001, 8002],
    available_scaling_ports: available,
    active_scaling_ports: active,
    scaling_ranges: { "8002": "8200-8299" },
    scaling_status: {
      total_scaling_candidates: 2,
      available_slots: available.length,
      active_scaling_instances: active.length,
      total_slots: all.length,
      mode: "live",
    },
  };
}

/** The REST routes every tab reads, answering with the fixtures above. */
export function baseRoutes() {
  return {
    "GET /port-health": {
      body: {
        status: "live",
        total_monitored_ports: 4,
        healthy_ports: 1,
        unhealthy_ports: 1,
        ports: PORTS,
      },
    },
    "GET /port-monitoring": { body: { ports: RESOURCES, total: RESOURCES.length } },
    "GET /scaling/status": { body: scalingStatus() },
  };
}
