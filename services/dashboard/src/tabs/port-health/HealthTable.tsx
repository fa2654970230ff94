/** Every port on screen with its status, connect time, reason, failures and last check. */
import { memo, useCallback, useRef } from "react";

import { formatMs, formatTime } from "../../components/format";
import { SpacerRow } from "../../components/SpacerRow";
import { StatusPill } from "../../components/StatusPill";
import { useVirtualRows } from "../../components/useVirtualRows";
import type { LivePort } from "../../feed/reducer";

interface Props {
  ports: LivePort[];
  selected: number | null;
  onSelect: (port: number) => void;
}

const COLUMNS = 8;
// a row's height on a wide screen; phone cards are taller, and every row is measured once built
const ROW_PX = 47;

interface RowProps {
  port: LivePort;
  index: number;
  selected: boolean;
  onSelect: (port: number) => void;
  measure: (node: Element | null) => void;
}

// memoized: a second's samples change a few ports, and only their rows should render again
const HealthRow = memo(function HealthRow({ port, index, selected, onSelect, measure }: RowProps) {
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      className={selected ? "is-selected" : undefined}
    >
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
        <time dateTime={port.last_check_time ?? undefined}>{formatTime(port.last_check_time)}</time>
      </td>
      <td data-label="Reason" className="reason span-2">
        {port.reason ?? <span className="muted">—</span>}
      </td>
      <td className="actions span-all">
        <button
          type="button"
          className="btn btn--small"
          aria-pressed={selected}
          onClick={() => onSelect(port.port)}
          aria-label={`History of port ${port.port}`}
        >
          History
        </button>
      </td>
    </tr>
  );
});

/** Builds only the rows in view: the table holds every port, its DOM a screenful of them. */
export function HealthTable({ ports, selected, onSelect }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const keyOf = useCallback((index: number) => ports[index]?.port ?? index, [ports]);
  const { rows, before, after, measure } = useVirtualRows(box, {
    count: ports.length,
    estimate: ROW_PX,
    keyOf,
  });

  return (
    <div
      ref={box}
      className="table-wrap scroll-box"
      role="region"
      aria-label="Monitored ports"
      tabIndex={0}
    >
      <table className="table table--cards" aria-rowcount={ports.length + 1}>
        <caption className="sr-only">Health of the monitored ports</caption>
        <thead>
          <tr aria-rowindex={1}>
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
          <SpacerRow height={before} columns={COLUMNS} />
          {rows.map((row) => {
            const port = ports[row.index];
            if (!port) return null;
            return (
              <HealthRow
                key={row.key}
                port={port}
                index={row.index}
                selected={port.port === selected}
                onSelect={onSelect}
                measure={measure}
              />
            );
          })}
          <SpacerRow height={after} columns={COLUMNS} />
        </tbody>
      </table>
    </div>
  );
}
