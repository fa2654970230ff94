/** Conductor's running parts and their versions, as GET /api/components reports them. */
import type { SystemInfo } from "../../api/types";

const NAMES: Record<string, string> = {
  gateway: "Gateway",
  scaler: "Scaler",
  prober: "Prober",
  schema: "Schema",
  nats: "NATS",
  postgresql: "PostgreSQL",
};

export function ComponentsPanel({ info }: { info: SystemInfo }) {
  return (
    <ul className="components">
      {Object.entries(info.components).map(([name, part]) => (
        <li key={name} className={`component component--${part.status === "up" ? "up" : "down"}`}>
          <span className="component__name">{NAMES[name] ?? name}</span>
          <span className="component__state">
            {part.status === "up" ? (part.version ?? "up") : part.status}
          </span>
        </li>
      ))}
    </ul>
  );
}
