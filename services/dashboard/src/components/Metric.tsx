/** One figure with its label, as on the manual's metric cards. */
import type { ReactNode } from "react";

interface Props {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: "good" | "warn" | "bad" | "neutral";
}

export function Metric({ label, value, hint, tone = "neutral" }: Props) {
  return (
    <div className={`metric metric--${tone}`}>
      <dt className="metric__label">{label}</dt>
      <dd className="metric__value">{value}</dd>
      {hint && <dd className="metric__hint">{hint}</dd>}
    </div>
  );
}
