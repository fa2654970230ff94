/** The header's badges: whether the live feed is connected, and how the ports are doing. */
import type { HealthMode } from "../api/types";
import type { Connection, LivePort } from "../feed/reducer";
import { countByStatus } from "../health/ports";

const CONNECTION_TEXT: Record<Connection, { text: string; tone: string }> = {
  open: { text: "live", tone: "good" },
  connecting: { text: "connecting", tone: "neutral" },
  reconnecting: { text: "reconnecting", tone: "warn" },
};

export function RealTimeBadge({ connection }: { connection: Connection }) {
  const { text, tone } = CONNECTION_TEXT[connection];
  return (
    <span className={`badge badge--${tone}`} aria-live="polite" data-testid="badge-realtime">
      <span className="badge__dot" aria-hidden="true" />
      Real-Time: {text}
    </span>
  );
}

/** What the Health badge says and how it is coloured, from the ports on screen. */
export function healthSummary(ports: LivePort[], mode: HealthMode | null) {
  const counts = countByStatus(ports);
  if (counts.unhealthy) return { tone: "bad", text: `${counts.unhealthy} unhealthy` };
  if (counts.warning) return { tone: "warn", text: `${counts.warning} warning` };
  if (!ports.length) return { tone: "neutral", text: "no ports" };
  if (mode === "configuration_only" || counts.unknown === ports.length) {
    return { tone: "neutral", text: "not measured" };
  }
  return { tone: "good", text: `${counts.healthy}/${ports.length} healthy` };
}

export function HealthBadge({ ports, mode }: { ports: LivePort[]; mode: HealthMode | null }) {
  const { tone, text } = healthSummary(ports, mode);
  return (
    <span className={`badge badge--${tone}`} data-testid="badge-health">
      <span className="badge__dot" aria-hidden="true" />
      Health: {text}
    </span>
  );
}
