/** Each scaling request's result as the gateway answered it, newest first. */
import { EmptyState } from "../../components/EmptyState";
import { formatTime } from "../../components/format";
import { useOperations } from "../../scaling/operations";

export function OutcomeList() {
  const { outcomes, clear } = useOperations();
  return (
    <section className="card" aria-labelledby="outcomes-title">
      <div className="card__head">
        <h2 id="outcomes-title" className="card__title">
          Results
        </h2>
        {outcomes.length > 0 && (
          <button type="button" className="btn btn--small" onClick={clear}>
            Clear results
          </button>
        )}
      </div>
      {outcomes.length ? (
        <ol className="outcomes" role="log" aria-label="Results of scaling requests">
          {outcomes.map((outcome) => (
            <li key={outcome.id} className={`outcome outcome--${outcome.ok ? "ok" : "error"}`}>
              <span className="outcome__code">
                {outcome.ok
                  ? outcome.action === "create"
                    ? "Created"
                    : "Removed"
                  : (outcome.status ?? "Failed")}
              </span>
              <span className="outcome__text">{outcome.text}</span>
              <time className="outcome__time muted" dateTime={outcome.at}>
                {formatTime(outcome.at)}
              </time>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState title="No scaling request yet.">
          Results of create and remove requests appear here, with the gateway's answer.
        </EmptyState>
      )}
    </section>
  );
}
