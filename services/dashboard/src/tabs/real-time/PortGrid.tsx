/** Ports as tiles (grid view) or as rows (list view) on the Real-Time Display. */
import { formatMs, formatTime } from "../../components/format";
import { StatusPill } from "../../components/StatusPill";
import type { PortView } from "../../health/ports";

export function PortTiles({ ports }: { ports: PortView[] }) {
  return (
    <ul className="tiles" aria-label="Ports">
      {ports.map((port) => (
        <li key={port.port} className={`tile tile--${port.status}`}>
          <div className="tile__head">
            <span className="tile__port mono">{port.port}</span>
            <StatusPill status={port.status} />
          </div>
          <div className="tile__name" title={port.resource_name ?? undefined}>
            {port.resource_name ?? "unnamed"}
          </div>
          <dl className="tile__facts">
            <div>
              <dt>Response</dt>
              <dd>{formatMs(port.response_time_ms)}</dd>
            </div>
            <div>
              <dt>Last check</dt>
              <dd>{formatTime(port.last_check_time)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function PortRows({ ports }: { ports: PortView[] }) {
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <caption className="sr-only">Ports</caption>
        <thead>
          <tr>
            <th scope="col">Port</th>
            <th scope="col">Resource</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Response
            </th>
            <th scope="col">Last check</th>
          </tr>
        </thead>
        <tbody>
          {ports.map((port) => (
            <tr key={port.port}>
              <td className="mono">{port.port}</td>
              <td>{port.resource_name ?? <span className="muted">unnamed</span>}</td>
              <td>
                <StatusPill status={port.status} />
              </td>
              <td className="num">{formatMs(port.response_time_ms)}</td>
              <td>{formatTime(port.last_check_time)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
