/** The auto-expand candidates with their type and scaling range. */
import type { PortResource } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";

export function CandidatesTable({ candidates }: { candidates: PortResource[] }) {
  if (!candidates.length) {
    return (
      <EmptyState title="No port has auto-expand on.">
        Turn on auto-expand for a port in the <a href="#port-monitoring">Port Monitoring</a> tab.
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Scaling candidates</caption>
        <thead>
          <tr>
            <th scope="col">Port</th>
            <th scope="col">Resource</th>
            <th scope="col">Type</th>
            <th scope="col">Scaling range</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((row) => (
            <tr key={row.resource_id}>
              <td className="mono">{row.port}</td>
              <td>{row.resource_name}</td>
              <td>{row.resource_type_name ?? row.resource_type}</td>
              <td className="mono">{row.scaling_range ?? <span className="muted">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
