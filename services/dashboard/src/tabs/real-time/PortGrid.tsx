/** Ports as tiles (grid view) or as rows (list view) on the Real-Time Display, built in view. */
import { memo, useCallback, useRef } from "react";

import { formatMs, formatTime } from "../../components/format";
import { SpacerRow } from "../../components/SpacerRow";
import { StatusPill } from "../../components/StatusPill";
import { useBoxWidth } from "../../components/useBoxWidth";
import { useVirtualRows } from "../../components/useVirtualRows";
import type { LivePort } from "../../feed/reducer";

// a tile's narrowest width (smaller on a phone-wide box) and the gap between tiles
const TILE_MIN_PX = 190;
const TILE_MIN_NARROW_PX = 160;
const NARROW_BOX_PX = 600;
const GAP_PX = 10;
// a row of tiles with its gap, and a list row, before they are measured
const TILE_ROW_PX = 123;
const LIST_ROW_PX = 35;

/** How many tiles fit side by side in a box `width` wide: the old CSS grid's auto-fill rule. */
export function tileColumns(width: number): number {
  const min = width < NARROW_BOX_PX ? TILE_MIN_NARROW_PX : TILE_MIN_PX;
  return Math.max(1, Math.floor((width + GAP_PX) / (min + GAP_PX)));
}

interface TileProps {
  port: LivePort;
  position: number;
  total: number;
}

// memoized: a second's samples change a few ports, and only their tiles should render again
const PortTile = memo(function PortTile({ port, position, total }: TileProps) {
  return (
    <div
      role="listitem"
      aria-posinset={position}
      aria-setsize={total}
      className={`tile tile--${port.status}`}
    >
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
    </div>
  );
});

/** Tiles in rows as wide as the box allows; only the rows of tiles in view are built. */
export function PortTiles({ ports }: { ports: LivePort[] }) {
  const box = useRef<HTMLDivElement>(null);
  const columns = tileColumns(useBoxWidth(box));
  const keyOf = useCallback((index: number) => index, []);
  const { rows, before, after, measure } = useVirtualRows(box, {
    count: Math.ceil(ports.length / columns),
    estimate: TILE_ROW_PX,
    keyOf,
  });

  return (
    <div ref={box} className="scroll-box" role="region" aria-label="Port tiles" tabIndex={0}>
      <div role="list" aria-label="Ports">
        {before > 0 && <div role="presentation" style={{ height: before }} />}
        {rows.map((row) => {
          const first = row.index * columns;
          const tiles = ports.slice(first, first + columns);
          return (
            <div
              key={row.key}
              ref={measure}
              data-index={row.index}
              role="presentation"
              className="tiles__row"
              style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
            >
              {tiles.map((port, offset) => (
                <PortTile
                  key={port.port}
                  port={port}
                  position={first + offset + 1}
                  total={ports.length}
                />
              ))}
            </div>
          );
        })}
        {after > 0 && <div role="presentation" style={{ height: after }} />}
      </div>
    </div>
  );
}

const LIST_COLUMNS = 5;

interface RowProps {
  port: LivePort;
  index: number;
  measure: (node: Element | null) => void;
}

const PortRow = memo(function PortRow({ port, index, measure }: RowProps) {
  return (
    <tr ref={measure} data-index={index} aria-rowindex={index + 2}>
      <td className="mono">{port.port}</td>
      <td>{port.resource_name ?? <span className="muted">unnamed</span>}</td>
      <td>
        <StatusPill status={port.status} />
      </td>
      <td className="num">{formatMs(port.response_time_ms)}</td>
      <td>{formatTime(port.last_check_time)}</td>
    </tr>
  );
});

export function PortRows({ ports }: { ports: LivePort[] }) {
  const box = useRef<HTMLDivElement>(null);
  const keyOf = useCallback((index: number) => ports[index]?.port ?? index, [ports]);
  const { rows, before, after, measure } = useVirtualRows(box, {
    count: ports.length,
    estimate: LIST_ROW_PX,
    keyOf,
  });

  return (
    <div
      ref={box}
      className="table-wrap scroll-box"
      role="region"
      aria-label="Port list"
      tabIndex={0}
    >
      <table className="table table--compact" aria-rowcount={ports.length + 1}>
        <caption className="sr-only">Ports</caption>
        <thead>
          <tr aria-rowindex={1}>
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
          <SpacerRow height={before} columns={LIST_COLUMNS} />
          {rows.map((row) => {
            const port = ports[row.index];
            return port ? (
              <PortRow key={row.key} port={port} index={row.index} measure={measure} />
            ) : null;
          })}
          <SpacerRow height={after} columns={LIST_COLUMNS} />
        </tbody>
      </table>
    </div>
  );
}
