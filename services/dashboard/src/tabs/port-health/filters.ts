/** Port Health's filters: by kind of port (its range), by status, and by port or name. */
import type { HealthStatus, PortKind } from "../../api/types";
import type { LivePort } from "../../feed/reducer";
import { kindOf, spanOf, type KindMap } from "../../health/ports";

export type KindFilter = PortKind | "all";
export type StatusFilter = HealthStatus | "all";

export interface HealthFilters {
  kind: KindFilter;
  status: StatusFilter;
  /** part of a port number or resource name; blank matches every port. */
  text: string;
}

export const NO_FILTERS: HealthFilters = { kind: "all", status: "all", text: "" };

const KIND_NAMES: Record<PortKind, string> = {
  base: "Base ports",
  scaling: "Scaling ports",
  inbound: "Inbound ports",
  other: "Other ports",
};

/** Options for the range filter, each labelled with the ports it spans now. */
export function kindOptions(ports: LivePort[], kinds: KindMap | null, scalingRanges: string[]) {
  const all: PortKind[] = ["base", "scaling", "inbound", "other"];
  const portsOf = (kind: PortKind) =>
    ports.filter((port) => kindOf(kinds, port.port) === kind).map((port) => port.port);
  return all
    .map((kind) => {
      const span =
        kind === "scaling" && scalingRanges.length
          ? scalingRanges.join(", ")
          : spanOf(portsOf(kind));
      return {
        value: kind,
        label: span ? `${KIND_NAMES[kind]} (${span})` : KIND_NAMES[kind],
        span,
      };
    })
    .filter((option) => option.value !== "other" || option.span !== null);
}

function matchesText(port: LivePort, text: string): boolean {
  if (!text) return true;
  const name = port.resource_name?.toLowerCase() ?? "";
  return String(port.port).includes(text) || name.includes(text);
}

/** The ports that pass every filter; a port of unknown kind passes only "all ranges". */
export function applyFilters<T extends LivePort>(
  ports: T[],
  kinds: KindMap | null,
  filters: HealthFilters,
): T[] {
  const text = filters.text.trim().toLowerCase();
  return ports.filter(
    (port) =>
      (filters.kind === "all" || kindOf(kinds, port.port) === filters.kind) &&
      (filters.status === "all" || port.status === filters.status) &&
      matchesText(port, text),
  );
}
