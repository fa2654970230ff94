/** A port's health status as a coloured pill with its name, so colour is never the only cue. */
import type { HealthStatus } from "../api/types";

export const STATUS_LABELS: Record<HealthStatus, string> = {
  healthy: "Healthy",
  warning: "Warning",
  unhealthy: "Unhealthy",
  disabled: "Disabled",
  unknown: "Unknown",
};

export function StatusPill({ status }: { status: HealthStatus }) {
  return (
    <span className={`pill pill--${status}`}>
      <span className="pill__dot" aria-hidden="true" />
      {STATUS_LABELS[status] ?? status}
    </span>
  );
}
