/** Port Health: every monitored port's status, filtered several ways, and one port's history. */
import { useMemo, useState } from "react";

import { useScalingStatus } from "../api/queries";
import { EmptyState } from "../components/EmptyState";
import { QueryBoundary } from "../components/QueryBoundary";
import { StatusPill } from "../components/StatusPill";
import { useFocusOnChange } from "../components/useFocusOnChange";
import type { LivePort } from "../feed/reducer";
import { countByStatus } from "../health/ports";
import { usePortKinds, usePorts } from "../health/usePorts";
import { ModeNotice } from "./ModeNotice";
import { FilterBar, STATUSES } from "./port-health/FilterBar";
import { applyFilters, NO_FILTERS, type HealthFilters } from "./port-health/filters";
import { HealthTable } from "./port-health/HealthTable";
import { HistoryCard } from "./port-health/HistoryCard";

function StatusCounts({ ports }: { ports: LivePort[] }) {
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

  const kinds = usePortKinds();
  const all = onScreen.ports;
  const shown = useMemo(() => applyFilters(all, kinds, filters), [all, kinds, filters]);
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
          kinds={kinds}
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
                All {all.length} ports are hidden by the filters.
              </EmptyState>
            ) : (
              <EmptyState title="No monitored ports">
                No row in tlkresources has a port with monitoring on.
              </EmptyState>
            )
          }
        </QueryBoundary>
      </section>
      {selected !== null && <HistoryCard port={selected} titleRef={historyTitle} />}
    </div>
  );
}
