/** The live activity log, newest first, filterable by kind of event. */
import { useState } from "react";

import { EmptyState } from "../../components/EmptyState";
import { formatTime } from "../../components/format";
import { ACTIVITY_KINDS, type ActivityEntry, type ActivityKind } from "../../feed/activity";
import type { Connection } from "../../feed/reducer";

interface Props {
  entries: ActivityEntry[];
  connection: Connection;
}

export function ActivityLog({ entries, connection }: Props) {
  const [hidden, setHidden] = useState<Set<ActivityKind>>(new Set());
  const shown = entries.filter((entry) => !hidden.has(entry.kind));

  const toggle = (kind: ActivityKind) => {
    const next = new Set(hidden);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    setHidden(next);
  };

  return (
    <section className="card" aria-labelledby="activity-title">
      <div className="card__head">
        <h2 id="activity-title" className="card__title">
          Live activity <span className="count">{shown.length}</span>
        </h2>
        <div className="toggles" role="group" aria-label="Kinds of activity shown">
          {ACTIVITY_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className="toggle"
              aria-pressed={!hidden.has(kind)}
              onClick={() => toggle(kind)}
            >
              {kind}
            </button>
          ))}
        </div>
      </div>
      {shown.length ? (
        <ol className="activity" aria-label="Activity, newest first" data-testid="activity-log">
          {shown.map((entry) => (
            <li key={entry.key} className={`activity__item activity__item--${entry.tone}`}>
              <time className="activity__time mono" dateTime={entry.at}>
                {formatTime(entry.at)}
              </time>
              <span className="activity__kind">{entry.kind}</span>
              <span className="activity__title">{entry.title}</span>
              {entry.detail && <span className="activity__detail">{entry.detail}</span>}
            </li>
          ))}
        </ol>
      ) : entries.length ? (
        <EmptyState
          title="No activity matches the chosen kinds"
          action={{ label: "Show all kinds", onClick: () => setHidden(new Set()) }}
        />
      ) : (
        <EmptyState title={connection === "open" ? "No activity yet" : "Live feed not connected"}>
          {connection === "open"
            ? "Scaling, monitoring and health changes and audit records appear here as they happen."
            : "Activity appears here once the live feed connects; the dashboard keeps trying."}
        </EmptyState>
      )}
    </section>
  );
}
