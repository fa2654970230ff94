/** Real-Time Display: live metrics, every port as a grid or list, and the activity log. */
import { useMemo, useState } from "react";

import { EmptyState } from "../components/EmptyState";
import { formatMs } from "../components/format";
import { Metric } from "../components/Metric";
import { QueryBoundary } from "../components/QueryBoundary";
import { useFeed } from "../feed/context";
import {
  filterPorts,
  portMetrics,
  sortPorts,
  type PortFilter,
  type PortSort,
} from "../health/ports";
import { usePorts } from "../health/usePorts";
import { ModeNotice } from "./ModeNotice";
import { ActivityLog } from "./real-time/ActivityLog";
import { PortRows, PortTiles } from "./real-time/PortGrid";

const FILTERS: { value: PortFilter; label: string }[] = [
  { value: "all", label: "All ports" },
  { value: "active", label: "Active only" },
  { value: "healthy", label: "Healthy only" },
  { value: "unhealthy", label: "Unhealthy only" },
];

const NONE_MATCH: Record<PortFilter, string> = {
  all: "No port is listed.",
  active: "No port connected on its last check.",
  healthy: "No port is healthy.",
  unhealthy: "No port is unhealthy.",
};

const SORTS: { value: PortSort; label: string }[] = [
  { value: "port", label: "Port number" },
  { value: "response", label: "Response time (slowest first)" },
  { value: "status", label: "Status (worst first)" },
];

export function RealTimeTab() {
  const feed = useFeed();
  const onScreen = usePorts();
  const [view, setView] = useState<"grid" | "list">("grid");
  const [filter, setFilter] = useState<PortFilter>("all");
  const [sort, setSort] = useState<PortSort>("port");

  const metrics = useMemo(() => portMetrics(onScreen.ports), [onScreen.ports]);
  const shown = useMemo(
    () => sortPorts(filterPorts(onScreen.ports, filter), sort),
    [onScreen.ports, filter, sort],
  );

  return (
    <div className="stack">
      <ModeNotice mode={onScreen.mode} source={onScreen.source} />
      <dl className="metrics" aria-label="Live port figures">
        <Metric label="Total Ports" value={metrics.total} hint="monitored" />
        <Metric
          label="Active Now"
          value={metrics.active}
          hint="last check connected"
          tone={metrics.active ? "good" : "neutral"}
        />
        <Metric
          label="Healthy"
          value={metrics.healthy}
          hint={`of ${metrics.total}`}
          tone={metrics.healthy ? "good" : "neutral"}
        />
        <Metric
          label="Avg Response"
          value={formatMs(metrics.avgResponseMs)}
          hint={metrics.timedPorts ? `over ${metrics.timedPorts} ports` : "no port timed yet"}
        />
      </dl>
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Display mode">
          {(["grid", "list"] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={view === mode}
              onClick={() => setView(mode)}
            >
              {mode === "grid" ? "Grid view" : "List view"}
            </button>
          ))}
        </div>
        <label className="field field--inline">
          <span>Filter</span>
          <select value={filter} onChange={(event) => setFilter(event.target.value as PortFilter)}>
            {FILTERS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span>Sort by</span>
          <select value={sort} onChange={(event) => setSort(event.target.value as PortSort)}>
            {SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryBoundary
        query={{ ...onScreen, data: onScreen.isLoading ? undefined : shown }}
        what="ports"
      >
        {(ports) =>
          ports.length ? (
            view === "grid" ? (
              <PortTiles ports={ports} />
            ) : (
              <PortRows ports={ports} />
            )
          ) : (
            <EmptyState
              title={onScreen.ports.length ? "No ports match current filter" : "No monitored ports"}
              action={
                filter !== "all"
                  ? { label: "Show all ports", onClick: () => setFilter("all") }
                  : undefined
              }
            >
              {onScreen.ports.length
                ? `${NONE_MATCH[filter]} ${onScreen.ports.length} ports are hidden by the filter.`
                : "No row in tlkresources has a port with monitoring on."}
            </EmptyState>
          )
        }
      </QueryBoundary>
      <ActivityLog entries={feed.activity} connection={feed.connection} />
    </div>
  );
}
