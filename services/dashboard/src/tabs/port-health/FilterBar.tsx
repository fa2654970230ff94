/** The filters of Port Health (range, status, find), with how many ports they let through. */
import type { HealthStatus } from "../../api/types";
import { STATUS_LABELS } from "../../components/StatusPill";
import type { LivePort } from "../../feed/reducer";
import type { KindMap } from "../../health/ports";
import { kindOptions, type HealthFilters, type KindFilter, type StatusFilter } from "./filters";

export const STATUSES = Object.keys(STATUS_LABELS) as HealthStatus[];

interface Props {
  ports: LivePort[];
  kinds: KindMap | null;
  scalingRanges: string[];
  filters: HealthFilters;
  shown: number;
  onChange: (filters: HealthFilters) => void;
}

export function FilterBar({ ports, kinds, scalingRanges, filters, shown, onChange }: Props) {
  return (
    <div className="toolbar" role="group" aria-label="Filters">
      <label className="field field--inline">
        <span>Range</span>
        <select
          value={filters.kind}
          onChange={(event) => onChange({ ...filters, kind: event.target.value as KindFilter })}
        >
          <option value="all">All ranges</option>
          {kindOptions(ports, kinds, scalingRanges).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>Status</span>
        <select
          value={filters.status}
          onChange={(event) => onChange({ ...filters, status: event.target.value as StatusFilter })}
        >
          <option value="all">All statuses</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>Find</span>
        {/* the table builds only the rows in view, so the browser's find cannot reach the rest */}
        <input
          type="search"
          value={filters.text}
          placeholder="Port or resource"
          onChange={(event) => onChange({ ...filters, text: event.target.value })}
        />
      </label>
      <span className="toolbar__count" aria-live="polite">
        {shown} of {ports.length} ports
      </span>
    </div>
  );
}
