/** Messages of the gateway's live feed at /api/components/ws, as the contract names them. */
import type { HealthStatus, MonitorSettings, PortHealth, ScalingStatus } from "../api/types";

export interface AuditRecord {
  event_id: string;
  at: string;
  command_id?: string;
  action: string;
  port: number;
  outcome: "applied" | "refused" | "failed" | string;
  detail: string;
  actor?: string;
  role?: string | null;
}

export interface Snapshot {
  ports: PortHealth[];
  scaling_status: ScalingStatus;
  activity: AuditRecord[];
}

export interface HealthChanged {
  port: number;
  from: HealthStatus | null;
  to: HealthStatus;
  reason: string | null;
  response_time_ms?: number | null;
  at: string;
}

export interface HealthSample {
  port: number;
  ok: boolean;
  response_time_ms: number | null;
  status: HealthStatus;
  reason: string;
  consecutive_failures: number;
  checked_at: string;
}

export interface CommandEvent {
  event_id: string;
  at: string;
  command_id?: string;
  actor?: string;
  port: number;
}

export interface ScalingCreatedEvent extends CommandEvent {
  base_port: number | null;
  resource: {
    name: string;
    ip: string;
    port: number;
    monitor?: MonitorSettings;
    [key: string]: unknown;
  };
}

export interface ScalingRemovedEvent extends CommandEvent {
  resources?: unknown[];
}

export interface MonitoringUpdatedEvent extends CommandEvent {
  before: MonitorSettings | null;
  after: MonitorSettings;
}

interface Envelope<T extends string, D> {
  seq: number;
  type: T;
  data: D;
}

export type FeedMessage =
  | Envelope<"snapshot", Snapshot>
  | Envelope<"health.changed", HealthChanged>
  | Envelope<"health.samples", { at: string; samples: HealthSample[] }>
  | Envelope<"scaling.created", ScalingCreatedEvent>
  | Envelope<"scaling.removed", ScalingRemovedEvent>
  | Envelope<"monitoring.updated", MonitoringUpdatedEvent>
  | Envelope<"audit.recorded", AuditRecord>
  | Envelope<"ping", Record<string, never>>;

/** Reads one text frame: a JSON array of messages (a lone object is accepted too). */
export function parseFrame(text: string): FeedMessage[] {
  const body: unknown = JSON.parse(text);
  const items = Array.isArray(body) ? body : [body];
  return items.filter(
    (item): item is FeedMessage =>
      !!item && typeof item === "object" && typeof item.type === "string" && "seq" in item,
  );
}
