/** Turns feed messages into lines of the live activity log. */
import type { MonitorSettings } from "../api/types";
import type { AuditRecord, FeedMessage } from "./messages";

export type ActivityKind = "scaling" | "monitoring" | "health" | "audit";

export const ACTIVITY_KINDS: readonly ActivityKind[] = ["scaling", "monitoring", "health", "audit"];

export interface ActivityEntry {
  key: string;
  kind: ActivityKind;
  at: string;
  port: number | null;
  title: string;
  detail: string | null;
  tone: "good" | "warn" | "bad" | "neutral";
}

const SETTING_LABELS: Record<keyof MonitorSettings, string> = {
  monitor_enabled: "monitoring",
  auto_expand: "auto-expand",
  monitor_interval: "interval",
  monitor_timeout: "timeout",
  monitor_threshold: "threshold",
};

function settingChanges(before: MonitorSettings | null, after: MonitorSettings): string {
  const names = Object.keys(SETTING_LABELS) as (keyof MonitorSettings)[];
  const changed = names.filter((name) => !before || before[name] !== after[name]);
  const parts = changed.map((name) => {
    const was = before ? `${String(before[name])} → ` : "";
    return `${SETTING_LABELS[name]} ${was}${String(after[name])}`;
  });
  return parts.length ? parts.join(", ") : "no setting changed";
}

const asRole = (role?: string | null) => (role ? ` (${role})` : "");

/** One audit record (from a snapshot or an audit.recorded message) as a log line. */
export function auditEntry(record: AuditRecord, key: string): ActivityEntry {
  const tone =
    record.outcome === "applied" ? "good" : record.outcome === "refused" ? "warn" : "bad";
  return {
    key,
    kind: "audit",
    at: record.at,
    port: record.port ?? null,
    title: `${record.action} on port ${record.port}: ${record.outcome}`,
    detail: [record.detail, record.actor && `by ${record.actor}${asRole(record.role)}`]
      .filter(Boolean)
      .join(" · "),
    tone,
  };
}

/** The log line for a message, or null for messages the log does not show. */
export function activityOf(message: FeedMessage): ActivityEntry | null {
  const key = `seq-${message.seq}`;
  const by = (actor?: string) => (actor ? `by ${actor}` : null);
  switch (message.type) {
    case "health.changed": {
      const { port, from, to, reason, at } = message.data;
      const tone =
        to === "healthy"
          ? "good"
          : to === "warning"
            ? "warn"
            : to === "unhealthy"
              ? "bad"
              : "neutral";
      const title = `Port ${port}: ${from ?? "unknown"} → ${to}`;
      return { key, kind: "health", at, port, title, detail: reason, tone };
    }
    case "scaling.created": {
      const { port, base_port, at, actor, resource } = message.data;
      const from = base_port ? `, from base ${base_port}` : "";
      const title = `Port ${port} created (${resource.name}${from})`;
      return { key, kind: "scaling", at, port, title, detail: by(actor), tone: "good" };
    }
    case "scaling.removed": {
      const { port, at, actor } = message.data;
      return {
        key,
        kind: "scaling",
        at,
        port,
        title: `Port ${port} removed`,
        detail: by(actor),
        tone: "neutral",
      };
    }
    case "monitoring.updated": {
      const { port, at, actor, before, after } = message.data;
      const title = `Port ${port} monitoring: ${settingChanges(before, after)}`;
      return { key, kind: "monitoring", at, port, title, detail: by(actor), tone: "neutral" };
    }
    case "audit.recorded":
      return auditEntry(message.data, key);
    default:
      return null;
  }
}
