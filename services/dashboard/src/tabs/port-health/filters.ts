/** Port Health's filters: by kind of port (its range) and by status. */
import type { HealthStatus, PortKind } from "../../api/types";
import { spanOf, type PortView } from "../../health/ports";

export type KindFilter = PortKind | "all";
export type StatusFilter = HealthStatus | "all";

export interface HealthFilters {
  kind: KindFilter;
  status: StatusFilter;
}

export const NO_FILTERS: HealthFilters = { kind: "all", status: "all" };

const KIND_NAMES: Record<PortKind, string> = {
  base: "Base ports",
  scaling: "Scaling ports",
  inbound: "Inbound ports",
  other: "Other ports",
};

/** Options for the range filter, each labelled with the ports it spans now. */
export function kindOptions(ports: PortView[], scalingRanges: string[]) {
  const kinds: PortKind[] = ["base", "scaling", "inbound", "other"];
  return kinds
    .map((kind) => {
      const span =
        kind === "scaling" && scalingRanges.length
          ? scalingRanges.join(", ")
          : spanOf(ports.filter((port) => port.kind === kind).map((port) => port.port));
      return {
        value: kind,
        label: span ? `${KIND_NAMES[kind]} (${span})` : KIND_NAMES[kind],
        span,
      };
    })
    .filter((option) => option.value !== "other" || option.span !== null);
}

export function applyFilters(ports: PortView[], filters: HealthFilters): PortView[] {
  return ports.filter(
    (port) =>
      (filters.kind === "all" || port.kind === filters.kind) &&
      (filters.status === "all" || port.status === filters.status),
  );
}
