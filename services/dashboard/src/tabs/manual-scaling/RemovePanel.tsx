/** Remove scaling ports: the active ones of the range, highest first as the manual advises. */
import { EmptyState } from "../../components/EmptyState";
import { StatusPill } from "../../components/StatusPill";
import type { LivePort } from "../../feed/reducer";

interface Props {
  rangeText: string;
  active: number[];
  names: Map<number, string>;
  health: Map<number, LivePort>;
  busy: boolean;
  onPlan: (port: number) => void;
}

export function RemovePanel({ rangeText, active, names, health, busy, onPlan }: Props) {
  const highest = active[0];
  return (
    <section className="card" aria-labelledby="remove-title">
      <h2 id="remove-title" className="card__title">
        Remove scaling ports <span className="count">{active.length}</span>
      </h2>
      {highest === undefined ? (
        <EmptyState title={`No active scaling port in ${rangeText}.`}>
          Nothing to remove; create a port first.
        </EmptyState>
      ) : (
        <>
          <div className="form-row">
            <button
              type="button"
              className="btn btn--danger"
              disabled={busy}
              onClick={() => onPlan(highest)}
            >
              Remove highest ({highest})
            </button>
            <p className="hint">
              Remove the highest port first; stop its service before removing it.
            </p>
          </div>
          <ul className="port-list" aria-label="Active scaling ports">
            {active.map((port) => {
              const status = health.get(port)?.status;
              return (
                <li key={port} className="port-list__item">
                  <span className="mono">{port}</span>
                  <span className="port-list__name">{names.get(port) ?? "—"}</span>
                  {status && <StatusPill status={status} />}
                  <button
                    type="button"
                    className="btn btn--small"
                    disabled={busy}
                    onClick={() => onPlan(port)}
                    aria-label={`Remove port ${port}`}
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
