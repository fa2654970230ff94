/** Create scaling ports: the next free one, a chosen one, or the next N free ones. */
import { useState } from "react";

import { errorText } from "../../api/client";
import type { NextPort } from "../../api/types";
import { Notice } from "../../components/Notice";
import { nextFreePorts, type PortRange } from "../../scaling/ranges";

interface Props {
  base: number;
  rangeText: string;
  range: PortRange | null;
  available: number[];
  next: { data?: NextPort; error: unknown; isLoading: boolean };
  busy: boolean;
  onPlan: (ports: number[]) => void;
}

export function CreatePanel({ base, rangeText, range, available, next, busy, onPlan }: Props) {
  const [chosen, setChosen] = useState("");
  const [count, setCount] = useState("1");
  const free = range ? nextFreePorts(available, range, available.length) : [];
  const wanted = Math.max(1, Math.min(free.length, Number.parseInt(count, 10) || 1));
  const nextPort = next.data?.next_available_port;

  return (
    <section className="card" aria-labelledby="create-title">
      <h2 id="create-title" className="card__title">
        Create scaling ports
      </h2>
      <div className="next-port" aria-live="polite">
        {next.isLoading && <p className="muted">Asking for the next free port of {base}…</p>}
        {next.error != null && <Notice tone="warn">{errorText(next.error)}</Notice>}
        {next.data && (
          <p>
            Next available port for base {base}:{" "}
            <strong className="mono big" data-testid="next-port">
              {next.data.next_available_port}
            </strong>{" "}
            <span className="muted">
              (range {next.data.scaling_range}, {next.data.existing_ports.length} in use)
            </span>
          </p>
        )}
      </div>
      <div className="form-row">
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || nextPort === undefined}
          onClick={() => nextPort !== undefined && onPlan([nextPort])}
        >
          {nextPort === undefined ? "Create next port" : `Create port ${nextPort}`}
        </button>
      </div>
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          const port = Number.parseInt(chosen, 10);
          if (Number.isFinite(port)) onPlan([port]);
        }}
      >
        <label className="field">
          <span>Port to create</span>
          <input
            inputMode="numeric"
            value={chosen}
            onChange={(event) => setChosen(event.target.value)}
            placeholder={rangeText}
            aria-describedby="create-port-hint"
          />
        </label>
        <button type="submit" className="btn" disabled={busy || !chosen.trim()}>
          Create this port
        </button>
        <p id="create-port-hint" className="hint">
          Any port of range {rangeText}.
        </p>
      </form>
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          onPlan(free.slice(0, wanted));
        }}
      >
        <label className="field">
          <span>How many ports</span>
          <input
            type="number"
            min={1}
            max={free.length}
            value={count}
            onChange={(event) => setCount(event.target.value)}
            aria-describedby="create-many-hint"
          />
        </label>
        <button type="submit" className="btn" disabled={busy || free.length === 0}>
          Create {wanted} {wanted === 1 ? "port" : "ports"}
        </button>
        <p id="create-many-hint" className="hint">
          The lowest free ports of {rangeText}; {free.length} free.
        </p>
      </form>
    </section>
  );
}
