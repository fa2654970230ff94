/** Shapes of the gateway's JSON under /api/components, as the dashboard reads them. */

export type HealthStatus = "healthy" | "warning" | "unhealthy" | "disabled" | "unknown";
export type PortKind = "base" | "scaling" | "inbound" | "other";
export type HealthMode = "live" | "configuration_only" | string;

export interface MonitorSettings {
  monitor_enabled: boolean;
  auto_expand: boolean;
  monitor_interval: number;
  monitor_timeout: number;
  monitor_threshold: number;
}

export interface PortHealth {
  port: number;
  resource_name: string | null;
  ip: string | null;
  monitor_enabled: boolean;
  is_healthy: boolean | null;
  status: HealthStatus;
  reason: string | null;
  response_time_ms: number | null;
  last_check_time: string | null;
  consecutive_failures: number;
}

export interface PortHealthReport {
  status: HealthMode;
  total_monitored_ports: number;
  healthy_ports: number;
  unhealthy_ports: number;
  warning_ports?: number;
  unknown_ports?: number;
  ports: PortHealth[];
}

export interface ScalingStatus {
  port_health: {
    status: HealthMode;
    total_ports: number;
    monitored_ports: number;
    auto_expand_ports: number;
  };
  scaling_candidates: number[];
  available_scaling_ports: number[];
  active_scaling_ports: number[];
  scaling_ranges: Record<string, string>;
  scaling_status: {
    total_scaling_candidates: number;
    available_slots: number;
    active_scaling_instances: number;
    total_slots: number;
    mode: HealthMode;
  };
}

export interface PortResource extends MonitorSettings {
  port: number;
  resource_id: number;
  resource_name: string;
  resource_type: number;
  resource_type_name: string | null;
  ip: string;
  rank: number;
  port_kind: PortKind;
  scaling_range: string | null;
}

export interface MonitoringList {
  ports: PortResource[];
  total: number;
}

export interface CandidateList {
  candidates: PortResource[];
  total: number;
}

export interface NextPort {
  base_port: number;
  next_available_port: number;
  scaling_range: string;
  existing_ports: number[];
}

export interface HistorySample {
  at: string;
  ok: boolean;
  response_time_ms: number | null;
  status: HealthStatus;
}

export interface HistoryAggregate {
  avg_ms: number | null;
  p95_ms: number | null;
  uptime: number | null;
}

export interface PortHistory {
  port: number;
  samples: HistorySample[];
  aggregates?: Partial<Record<"hour" | "day", HistoryAggregate>>;
}

export interface ComponentState {
  version: string | null;
  status: string;
}

export interface SystemInfo {
  service: string;
  components: Record<string, ComponentState>;
}

export interface MessageReply {
  message: string;
  [key: string]: unknown;
}

export interface ScalingCreated extends MessageReply {
  base_port: number;
  new_port: number;
  resource_name: string;
  scaling_range: string;
}

export interface ScalingRemoved extends MessageReply {
  removed_port: number;
  resource_name: string;
}

export interface MonitoringUpdate extends MonitorSettings {
  port?: number;
}
