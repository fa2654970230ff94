/** Every tlkresources row with its five monitoring settings and a way to edit them. */
import type { PortResource } from "../../api/types";

interface Props {
  rows: PortResource[];
  selected: number | null;
  onEdit: (port: number) => void;
}

const yesNo = (flag: boolean) => (flag ? "On" : "Off");

export function SettingsTable({ rows, selected, onEdit }: Props) {
  return (
    <div className="table-wrap">
      <table className="table table--cards">
        <caption className="sr-only">Monitoring settings of every port</caption>
        <thead>
          <tr>
            <th scope="col">Port</th>
            <th scope="col">Resource</th>
            <th scope="col">Monitoring</th>
            <th scope="col">Auto-expand</th>
            <th scope="col" className="num">
              Interval
            </th>
            <th scope="col" className="num">
              Timeout
            </th>
            <th scope="col" className="num">
              Threshold
            </th>
            <th scope="col">
              <span className="sr-only">Edit</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.resource_id} className={row.port === selected ? "is-selected" : undefined}>
              <td data-label="Port" className="mono">
                {row.port}
              </td>
              <td data-label="Resource" className="span-2">
                {row.resource_name}
              </td>
              <td data-label="Monitoring">{yesNo(row.monitor_enabled)}</td>
              <td data-label="Auto-expand">{yesNo(row.auto_expand)}</td>
              <td data-label="Interval" className="num" data-testid={`interval-${row.port}`}>
                {row.monitor_interval} s
              </td>
              <td data-label="Timeout" className="num">
                {row.monitor_timeout} s
              </td>
              <td data-label="Threshold" className="num">
                {row.monitor_threshold}
              </td>
              <td className="actions">
                {row.port > 0 ? (
                  <button
                    type="button"
                    className="btn btn--small"
                    aria-pressed={row.port === selected}
                    onClick={() => onEdit(row.port)}
                    aria-label={`Edit port ${row.port}`}
                  >
                    Edit
                  </button>
                ) : (
                  <span className="muted small">no port, not probed</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
