/** A port's response times over the last hour from its probe history, and hour and day figures. */
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { ApiError, errorText } from "../../api/client";
import { usePortHistory } from "../../api/queries";
import type { PortHistory } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { formatMs, formatUptime } from "../../components/format";
import { Notice } from "../../components/Notice";

const WINDOW_MS = 60 * 60 * 1000;

const clock = (at: number) =>
  new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

function Aggregates({ history }: { history: PortHistory }) {
  const periods = (["hour", "day"] as const).filter((name) => history.aggregates?.[name]);
  if (!periods.length) return null;
  return (
    <table className="table table--compact">
      <caption className="sr-only">Response figures of port {history.port}</caption>
      <thead>
        <tr>
          <th scope="col">Period</th>
          <th scope="col" className="num">
            Average
          </th>
          <th scope="col" className="num">
            95th percentile
          </th>
          <th scope="col" className="num">
            Uptime
          </th>
        </tr>
      </thead>
      <tbody>
        {periods.map((name) => {
          const figures = history.aggregates?.[name];
          return (
            <tr key={name}>
              <th scope="row">Last {name}</th>
              <td className="num">{formatMs(figures?.avg_ms)}</td>
              <td className="num">{formatMs(figures?.p95_ms)}</td>
              <td className="num">{formatUptime(figures?.uptime)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Chart({ history }: { history: PortHistory }) {
  const points = history.samples.map((sample) => ({
    at: new Date(sample.at).getTime(),
    ms: sample.ok ? sample.response_time_ms : null,
    failed: sample.ok ? null : 0,
  }));
  const failed = history.samples.filter((sample) => !sample.ok).length;
  const checks = history.samples.length;
  const summary = `${checks} checks of port ${history.port} in the last hour, ${failed} failed`;
  return (
    <figure className="chart" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--line)" vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={clock}
          />
          <YAxis unit=" ms" width={76} allowDecimals />
          <Tooltip
            labelFormatter={(at) => clock(Number(at))}
            formatter={(v) => formatMs(Number(v))}
          />
          <Line
            dataKey="ms"
            name="Connect time"
            stroke="var(--accent)"
            dot={false}
            isAnimationActive={false}
          />
          <Scatter
            dataKey="failed"
            name="Failed check"
            fill="var(--bad)"
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="muted">{summary}.</figcaption>
    </figure>
  );
}

export function ResponseChart({ port }: { port: number }) {
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  const history = usePortHistory(port, since);

  if (history.isLoading)
    return (
      <p className="muted" role="status">
        Loading history of port {port}…
      </p>
    );
  if (history.error instanceof ApiError && history.error.status === 404) {
    return (
      <EmptyState title={`No probe history for port ${port}.`}>
        The gateway does not offer history for this port ({history.error.detail}).
      </EmptyState>
    );
  }
  if (history.error)
    return <Notice tone="error">Could not load history: {errorText(history.error)}</Notice>;
  if (!history.data) return null;
  return (
    <>
      {history.data.samples.length ? (
        <Chart history={history.data} />
      ) : (
        <EmptyState title={`Port ${port} has not been checked in the last hour.`}>
          Checks appear here once the prober reports on this port.
        </EmptyState>
      )}
      <Aggregates history={history.data} />
    </>
  );
}
