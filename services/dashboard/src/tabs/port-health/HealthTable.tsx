/** Every port on screen with its status, connect time, reason, failures and last check. */
import type { PortView } from "../../health/ports";
import { formatMs, formatTime } from "../../components/format";
import { StatusPill } from "../../components/StatusPill";

interface Props {
  ports: PortView[];
  selected: number | null;
  onSelect: (port: number) => void;
}

export function HealthTable({ ports, selected, onSelect }: Props) {
  return (
    <div className="table-wrap">
      <table className="table table--cards">
        <caption className="sr-only">Health of the monitored ports</caption>
        <thead>
          <tr>
            <th scope="col">Port</th>
            <th scope="col">Resource</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Connect time
            </th>
            <th scope="col" className="num">
              Failures
            </th>
            <th scope="col">Last check</th>
            <th scope="col">Reason</th>
            <th scope="col">
              <span className="sr-only">History</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ports.map((port) => (
            <tr key={port.port} className={port.port === selected ? "is-selected" : undefined}>
              <td data-label="Port" className="mono">
                {port.port}
              </td>
              <td data-label="Resource" className="span-2">
                {port.resource_name ?? <span className="muted">unnamed</span>}
              </td>
              <td data-label="Status">
                <StatusPill status={port.status} />
              </td>
              <td data-label="Connect time" className="num">
                {formatMs(port.response_time_ms)}
              </td>
              <td data-label="Failures" className="num">
                {port.consecutive_failures}
              </td>
              <td data-label="Last check">
                <time dateTime={port.last_check_time ?? undefined}>
                  {formatTime(port.last_check_time)}
                </time>
              </td>
              <td data-label="Reason" className="reason span-2">
                {port.reason ?? <span className="muted">—</span>}
              </td>
              <td className="actions span-all">
                <button
                  type="button"
                  className="btn btn--small"
                  aria-pressed={port.port === selected}
                  onClick={() => onSelect(port.port)}
                  aria-label={`History of port ${port.port}`}
                >
                  History
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
