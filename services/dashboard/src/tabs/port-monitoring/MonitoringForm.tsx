/** Edits one port's five monitoring settings; the gateway validates and its answer is shown. */
import { useId, useState, type FormEvent } from "react";

import { ApiError, errorText } from "../../api/client";
import { useUpdateMonitoring } from "../../api/queries";
import type { MonitorSettings, PortResource } from "../../api/types";
import { Notice } from "../../components/Notice";
import type { Bounds, NumericSetting } from "./bounds";

const NUMBERS: { name: NumericSetting; label: string; unit: string }[] = [
  { name: "monitor_interval", label: "Check interval", unit: "s" },
  { name: "monitor_timeout", label: "Timeout", unit: "s" },
  { name: "monitor_threshold", label: "Failure threshold", unit: "checks" },
];

type Draft = Record<NumericSetting, string> &
  Pick<MonitorSettings, "monitor_enabled" | "auto_expand">;

function draftOf(row: PortResource): Draft {
  return {
    monitor_enabled: row.monitor_enabled,
    auto_expand: row.auto_expand,
    monitor_interval: String(row.monitor_interval),
    monitor_timeout: String(row.monitor_timeout),
    monitor_threshold: String(row.monitor_threshold),
  };
}

/** Settings the gateway's message names, so those fields can be marked invalid. */
export function fieldsNamedIn(detail: string): NumericSetting[] {
  return NUMBERS.map((field) => field.name).filter((name) => detail.includes(name));
}

function hintOf(bounds: Bounds, name: NumericSetting, unit: string): string | null {
  const range = bounds[name];
  if (range?.min === undefined || range.max === undefined) return null;
  return `${range.min}–${range.max} ${unit}`;
}

export function MonitoringForm({ row, bounds }: { row: PortResource; bounds: Bounds }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(row));
  const update = useUpdateMonitoring();
  const errorId = useId();
  const refusal = update.error instanceof ApiError ? update.error.detail : null;
  const invalid = refusal ? fieldsNamedIn(refusal) : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // values go as typed: the gateway is the one judge of what is valid
    const number = (text: string) => (text.trim() === "" ? null : Number(text));
    update.mutate({
      port: row.port,
      settings: {
        monitor_enabled: draft.monitor_enabled,
        auto_expand: draft.auto_expand,
        monitor_interval: number(draft.monitor_interval) as number,
        monitor_timeout: number(draft.monitor_timeout) as number,
        monitor_threshold: number(draft.monitor_threshold) as number,
      },
    });
  };

  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={submit}
      aria-label={`Monitoring settings of port ${row.port}`}
    >
      <fieldset className="settings-form__flags">
        <legend className="sr-only">Switches</legend>
        {(["monitor_enabled", "auto_expand"] as const).map((name) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={draft[name]}
              onChange={(event) => setDraft({ ...draft, [name]: event.target.checked })}
            />
            <span>
              {name === "monitor_enabled" ? "Monitoring enabled" : "Auto-expand candidate"}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="settings-form__numbers">
        {NUMBERS.map(({ name, label, unit }) => {
          const hint = hintOf(bounds, name, unit);
          return (
            <label key={name} className="field">
              <span>
                {label} {hint && <span className="hint">({hint})</span>}
              </span>
              <input
                type="number"
                name={name}
                value={draft[name]}
                min={bounds[name]?.min}
                max={bounds[name]?.max}
                aria-invalid={invalid.includes(name) || undefined}
                aria-describedby={invalid.includes(name) ? errorId : undefined}
                onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
              />
            </label>
          );
        })}
      </div>
      {update.isError && (
        <Notice tone="error" id={errorId}>
          {refusal ?? `The settings were not saved: ${errorText(update.error)}`}
        </Notice>
      )}
      {update.isSuccess && <Notice tone="success">{update.data.message}</Notice>}
      <div className="form-row">
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save settings"}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft(draftOf(row));
            update.reset();
          }}
        >
          Revert
        </button>
      </div>
    </form>
  );
}
