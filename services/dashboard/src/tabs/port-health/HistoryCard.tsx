/** The chosen port's response-time chart, loaded once the card comes into view. */
import { lazy, Suspense, type RefObject } from "react";

import { useSeen } from "../../components/useSeen";

// the chart library is the largest part of the bundle: load it only when a chart is in view,
// which under a long table is not on first paint
const ResponseChart = lazy(() =>
  import("./ResponseChart").then((module) => ({ default: module.ResponseChart })),
);

interface Props {
  port: number;
  /** the title, which takes focus (and so the view) when another port is chosen. */
  titleRef: RefObject<HTMLHeadingElement | null>;
}

export function HistoryCard({ port, titleRef }: Props) {
  const [card, seen] = useSeen<HTMLElement>();
  return (
    <section className="card" aria-labelledby="history-title" ref={card}>
      <h2 id="history-title" className="card__title" ref={titleRef} tabIndex={-1}>
        Response time of port {port}
      </h2>
      {seen ? (
        <Suspense fallback={<p className="muted">Loading the chart…</p>}>
          <ResponseChart port={port} />
        </Suspense>
      ) : (
        <p className="muted">The chart loads when this card is scrolled into view.</p>
      )}
    </section>
  );
}
