/** The live feed's state: ports' health, the activity log and the last seq, kept by a reducer. */
import type { HealthStatus, PortHealth } from "../api/types";
import { activityOf, auditEntry, type ActivityEntry } from "./activity";
import type { FeedMessage, HealthSample, ScalingCreatedEvent } from "./messages";

export type Connection = "connecting" | "open" | "reconnecting";

/** A port's health as the feed knows it; `last_ok` is whether its latest check connected. */
export interface LivePort extends PortHealth {
  last_ok?: boolean | null;
}

export interface FeedState {
  connection: Connection;
  seq: number | null;
  /** null until the first snapshot arrives. */
  ports: Record<number, LivePort> | null;
  activity: ActivityEntry[];
  /** how many messages were applied since the page loaded. */
  applied: number;
}

export type FeedAction =
  { type: "connection"; connection: Connection } | { type: "messages"; messages: FeedMessage[] };

// the log keeps this many lines; older ones remain in the gateway's audit records
export const ACTIVITY_LIMIT = 500;

export const initialFeedState: FeedState = {
  connection: "connecting",
  seq: null,
  ports: null,
  activity: [],
  applied: 0,
};

function healthyFlag(status: HealthStatus): boolean | null {
  if (status === "healthy" || status === "warning") return true;
  if (status === "unhealthy") return false;
  return null;
}

function blankPort(port: number): LivePort {
  return {
    port,
    resource_name: null,
    ip: null,
    monitor_enabled: true,
    is_healthy: null,
    status: "unknown",
    reason: null,
    response_time_ms: null,
    last_check_time: null,
    consecutive_failures: 0,
  };
}

function applySample(current: LivePort | undefined, sample: HealthSample): LivePort {
  const port = current ?? blankPort(sample.port);
  return {
    ...port,
    status: sample.status,
    is_healthy: healthyFlag(sample.status),
    response_time_ms: sample.response_time_ms,
    consecutive_failures: sample.consecutive_failures,
    last_check_time: sample.checked_at,
    last_ok: sample.ok,
    reason: sample.reason,
  };
}

function createdPort(event: ScalingCreatedEvent): LivePort {
  return {
    ...blankPort(event.port),
    resource_name: event.resource.name,
    ip: event.resource.ip,
    monitor_enabled: event.resource.monitor?.monitor_enabled ?? true,
  };
}

type PortMap = Record<number, LivePort>;

// the messages that change ports; others (pings, audit records) leave the map as it is
const PORT_MESSAGES = new Set<FeedMessage["type"]>([
  "health.samples",
  "health.changed",
  "scaling.created",
  "scaling.removed",
  "monitoring.updated",
]);

/** Changes a batch's own copy of the ports in place. */
function patchPorts(next: PortMap, message: FeedMessage): void {
  switch (message.type) {
    case "health.samples":
      for (const sample of message.data.samples)
        next[sample.port] = applySample(next[sample.port], sample);
      break;
    case "health.changed": {
      const { port, to, reason, response_time_ms } = message.data;
      const known = next[port] ?? blankPort(port);
      const time = response_time_ms === undefined ? known.response_time_ms : response_time_ms;
      next[port] = {
        ...known,
        status: to,
        is_healthy: healthyFlag(to),
        reason,
        response_time_ms: time,
      };
      break;
    }
    case "scaling.created":
      next[message.data.port] ??= createdPort(message.data);
      break;
    case "scaling.removed":
      delete next[message.data.port];
      break;
    case "monitoring.updated": {
      const known = next[message.data.port];
      if (known)
        next[message.data.port] = { ...known, monitor_enabled: message.data.after.monitor_enabled };
      break;
    }
  }
}

function applySnapshot(state: FeedState, message: Extract<FeedMessage, { type: "snapshot" }>) {
  const ports: PortMap = {};
  for (const port of message.data.ports) ports[port.port] = port;
  const activity = message.data.activity.map((record, index) =>
    auditEntry(
      record,
      record.event_id ? `audit-${record.event_id}` : `snap-${message.seq}-${index}`,
    ),
  );
  return { ...state, seq: message.seq, ports, activity: activity.slice(0, ACTIVITY_LIMIT) };
}

/**
 * Applies a batch of messages in order. The ports map is copied at most once per batch and then
 * changed in place, so a second's samples for 2,000 ports cost one copy, not one per message;
 * each changed port is a new object, unchanged ones keep theirs (rows memoized on them skip).
 */
function applyMessages(state: FeedState, messages: FeedMessage[]): FeedState {
  let { seq, ports, activity, applied } = state;
  let owned = false;
  const added: ActivityEntry[] = [];

  for (const message of messages) {
    if (message.type === "snapshot") {
      ({ seq, ports, activity } = applySnapshot(state, message));
      owned = true;
      added.length = 0;
      applied += 1;
      continue;
    }
    // a resumed stream may repeat what was already applied; seq tells
    if (seq !== null && message.seq <= seq) continue;

    if (ports !== null && PORT_MESSAGES.has(message.type)) {
      if (!owned) ports = { ...ports };
      owned = true;
      patchPorts(ports, message);
    }
    const entry = activityOf(message);
    if (entry) added.push(entry);
    seq = message.seq;
    applied += 1;
  }

  if (applied === state.applied) return state;
  if (added.length) activity = [...added.reverse(), ...activity].slice(0, ACTIVITY_LIMIT);
  return { ...state, seq, ports, activity, applied };
}

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  if (action.type === "connection") return { ...state, connection: action.connection };
  return applyMessages(state, action.messages);
}
