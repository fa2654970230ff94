/** Scaling Status: candidates, free and active slots, utilisation, ranges and the parts running. */
import { useCandidates, useScalingStatus, useSystemInfo } from "../api/queries";
import type { ScalingStatus } from "../api/types";
import { EmptyState } from "../components/EmptyState";
import { Metric } from "../components/Metric";
import { QueryBoundary } from "../components/QueryBoundary";
import { inRange, parseRange, percent } from "../scaling/ranges";
import { ComponentsPanel } from "./scaling-status/ComponentsPanel";
import { CandidatesTable } from "./scaling-status/CandidatesTable";

function RangesTable({ status }: { status: ScalingStatus }) {
  const rows = Object.entries(status.scaling_ranges);
  if (!rows.length) return <EmptyState title="No scaling ranges are configured." />;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Scaling ranges by base port</caption>
        <thead>
          <tr>
            <th scope="col">Base port</th>
            <th scope="col">Range</th>
            <th scope="col" className="num">
              Active
            </th>
            <th scope="col" className="num">
              Free
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([base, text]) => {
            const range = parseRange(text);
            const count = (ports: number[]) =>
              range ? ports.filter((p) => inRange(range, p)).length : "—";
            return (
              <tr key={base}>
                <td className="mono">{base}</td>
                <td className="mono">{text}</td>
                <td className="num">{count(status.active_scaling_ports)}</td>
                <td className="num">{count(status.available_scaling_ports)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ActivePorts({ ports }: { ports: number[] }) {
  if (!ports.length) {
    return (
      <EmptyState title="No scaling instances are running.">
        Create one from the <a href="#manual-scaling">Manual Scaling</a> tab.
      </EmptyState>
    );
  }
  return (
    <ul className="chips" aria-label="Active scaling ports">
      {[...ports]
        .sort((a, b) => a - b)
        .map((port) => (
          <li key={port} className="chip mono">
            {port}
          </li>
        ))}
    </ul>
  );
}

function Overview({ status }: { status: ScalingStatus }) {
  const figures = status.scaling_status;
  return (
    <>
      <dl className="metrics" aria-label="Scaling figures">
        <Metric
          label="Candidates"
          value={figures.total_scaling_candidates}
          hint="auto-expand ports"
        />
        <Metric
          label="Available slots"
          value={figures.available_slots}
          hint={`of ${figures.total_slots}`}
        />
        <Metric
          label="Active instances"
          value={figures.active_scaling_instances}
          hint="scaling ports in use"
        />
        <Metric
          label="Utilisation"
          value={percent(figures.active_scaling_instances, figures.total_slots)}
          hint={`${figures.active_scaling_instances} of ${figures.total_slots} slots`}
        />
      </dl>
      <div className="grid-2">
        <section className="card" aria-labelledby="ranges-title">
          <h2 id="ranges-title" className="card__title">
            Port ranges
          </h2>
          <RangesTable status={status} />
        </section>
        <section className="card" aria-labelledby="active-title">
          <h2 id="active-title" className="card__title">
            Active scaling ports <span className="count">{status.active_scaling_ports.length}</span>
          </h2>
          <ActivePorts ports={status.active_scaling_ports} />
        </section>
      </div>
    </>
  );
}

export function ScalingStatusTab() {
  const status = useScalingStatus();
  const candidates = useCandidates();
  const system = useSystemInfo();
  return (
    <div className="stack">
      <QueryBoundary query={status} what="the scaling status">
        {(data) => <Overview status={data} />}
      </QueryBoundary>
      <section className="card" aria-labelledby="candidates-title">
        <h2 id="candidates-title" className="card__title">
          Scaling candidates
        </h2>
        <QueryBoundary query={candidates} what="the scaling candidates">
          {(data) => <CandidatesTable candidates={data.candidates} />}
        </QueryBoundary>
      </section>
      <section className="card" aria-labelledby="components-title">
        <h2 id="components-title" className="card__title">
          Conductor components
        </h2>
        <QueryBoundary query={system} what="the component versions">
          {(data) => <ComponentsPanel info={data} />}
        </QueryBoundary>
      </section>
    </div>
  );
}
