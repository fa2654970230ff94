/** Every tlkresources row with its five monitoring settings and a way to edit them. */
import { memo, useCallback, useRef } from "react";

import type { PortResource } from "../../api/types";
import { SpacerRow } from "../../components/SpacerRow";
import { useVirtualRows } from "../../components/useVirtualRows";

interface Props {
  rows: PortResource[];
  selected: number | null;
  onEdit: (port: number) => void;
}

const yesNo = (flag: boolean) => (flag ? "On" : "Off");

const COLUMNS = 8;
// a row's height on a wide screen; phone cards are taller, and every row is measured once built
const ROW_PX = 47;

interface RowProps {
  row: PortResource;
  index: number;
  selected: boolean;
  onEdit: (port: number) => void;
  measure: (node: Element | null) => void;
}

const SettingsRow = memo(function SettingsRow({ row, index, selected, onEdit, measure }: RowProps) {
  return (
    <tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      className={selected ? "is-selected" : undefined}
    >
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
            aria-pressed={selected}
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
  );
});

/** Builds only the rows in view, as the table may hold thousands of rows. */
export function SettingsTable({ rows, selected, onEdit }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const keyOf = useCallback((index: number) => rows[index]?.resource_id ?? index, [rows]);
  const shown = useVirtualRows(box, { count: rows.length, estimate: ROW_PX, keyOf });

  return (
    <div
      ref={box}
      className="table-wrap scroll-box"
      role="region"
      aria-label="Monitoring settings"
      tabIndex={0}
    >
      <table className="table table--cards" aria-rowcount={rows.length + 1}>
        <caption className="sr-only">Monitoring settings of every port</caption>
        <thead>
          <tr aria-rowindex={1}>
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
          <SpacerRow height={shown.before} columns={COLUMNS} />
          {shown.rows.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <SettingsRow
                key={item.key}
                row={row}
                index={item.index}
                selected={row.port === selected}
                onEdit={onEdit}
                measure={shown.measure}
              />
            );
          })}
          <SpacerRow height={shown.after} columns={COLUMNS} />
        </tbody>
      </table>
    </div>
  );
}
