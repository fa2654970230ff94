/** Port Health: every monitored port's status, filtered by range and status, and its history. */
import { lazy, Suspense, useState } from "react";

import { useScalingStatus } from "../api/queries";
import { EmptyState } from "../components/EmptyState";
import { QueryBoundary } from "../components/QueryBoundary";
import { StatusPill } from "../components/StatusPill";
import { useFocusOnChange } from "../components/useFocusOnChange";
import { countByStatus, type PortView } from "../health/ports";
import { usePorts } from "../health/usePorts";
import { ModeNotice } from "./ModeNotice";
import { FilterBar, STATUSES } from "./port-health/FilterBar";
import { applyFilters, NO_FILTERS, type HealthFilters } from "./port-health/filters";
import { HealthTable } from "./port-health/HealthTable";

// the chart library is the largest part of the bundle; load it when a chart is first shown
const ResponseChart = lazy(() =>
  import("./port-health/ResponseChart").then((module) => ({ default: module.ResponseChart })),
);

function StatusCounts({ ports }: { ports: PortView[] }) {
  const counts = countByStatus(ports);
  return (
    <ul className="status-counts" aria-label="Ports by status">
      {STATUSES.map((status) => (
        <li key={status}>
          <StatusPill status={status} /> <strong>{counts[status]}</strong>
        </li>
      ))}
    </ul>
  );
}

export function PortHealthTab() {
  const onScreen = usePorts();
  const scaling = useScalingStatus();
  const [filters, setFilters] = useState<HealthFilters>(NO_FILTERS);
  const [chosen, setChosen] = useState<number | null>(null);
  const historyTitle = useFocusOnChange<HTMLHeadingElement>(chosen);

  const all = onScreen.ports;
  const shown = applyFilters(all, filters);
  const selected = chosen ?? all[0]?.port ?? null;
  const reset = { label: "Reset filters", onClick: () => setFilters(NO_FILTERS) };

  return (
    <div className="stack">
      <ModeNotice mode={onScreen.mode} source={onScreen.source} />
      <section className="card stack" aria-labelledby="ports-title">
        <div className="card__head">
          <h2 id="ports-title" className="card__title">
            Monitored ports
          </h2>
          <StatusCounts ports={all} />
        </div>
        <FilterBar
          ports={all}
          scalingRanges={Object.values(scaling.data?.scaling_ranges ?? {})}
          filters={filters}
          shown={shown.length}
          onChange={setFilters}
        />
        <QueryBoundary
          query={{ ...onScreen, data: onScreen.isLoading ? undefined : shown }}
          what="port health"
        >
          {(ports) =>
            ports.length ? (
              <HealthTable ports={ports} selected={selected} onSelect={setChosen} />
            ) : all.length ? (
              <EmptyState title="No ports match current filter" action={reset}>
                All {all.length} ports are hidden by the range or status filter.
              </EmptyState>
            ) : (
              <EmptyState title="No monitored ports">
                No row in tlkresources has a port with monitoring on.
              </EmptyState>
            )
          }
        </QueryBoundary>
      </section>
      {selected !== null && (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title" className="card__title" ref={historyTitle} tabIndex={-1}>
            Response time of port {selected}
          </h2>
          <Suspense fallback={<p className="muted">Loading the chart…</p>}>
            <ResponseChart port={selected} />
          </Suspense>
        </section>
      )}
    </div>
  );
}
