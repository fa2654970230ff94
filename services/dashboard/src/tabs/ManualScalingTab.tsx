/** Manual Scaling: create and remove RealTimeManager instances, each after a confirmation. */
import { useMemo, useState } from "react";

import { useMonitoring, useNextPort, useScalingStatus } from "../api/queries";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { EmptyState } from "../components/EmptyState";
import { QueryBoundary } from "../components/QueryBoundary";
import { usePorts } from "../health/usePorts";
import { parseRange, removalOrder } from "../scaling/ranges";
import { CreatePanel } from "./manual-scaling/CreatePanel";
import { OutcomeList } from "./manual-scaling/OutcomeList";
import { RemovePanel } from "./manual-scaling/RemovePanel";
import { usePlanRunner, type Plan } from "./manual-scaling/usePlanRunner";

function PlanQuestion({ plan, base, rangeText }: { plan: Plan; base: number; rangeText: string }) {
  const list = plan.ports.join(", ");
  const what = plan.ports.length === 1 ? "scaling port" : `${plan.ports.length} scaling ports:`;
  if (plan.action === "remove") {
    return (
      <p>Remove scaling port {list}? Its row is deleted from tlkresources and no longer probed.</p>
    );
  }
  return (
    <>
      <p>
        Create {what} {list} in range {rangeText}, from base port {base}?
      </p>
      {plan.ports.length > 1 && (
        <p className="muted">Requests go one at a time; a refusal stops the rest.</p>
      )}
    </>
  );
}

export function ManualScalingTab() {
  const status = useScalingStatus();
  const monitoring = useMonitoring();
  const { ports } = usePorts();
  const ranges = Object.entries(status.data?.scaling_ranges ?? {});
  const [chosenBase, setChosenBase] = useState<string | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const runner = usePlanRunner();

  const baseKey = chosenBase ?? ranges[0]?.[0] ?? null;
  const base = baseKey === null ? null : Number(baseKey);
  const rangeText = (baseKey && status.data?.scaling_ranges[baseKey]) || "";
  const range = parseRange(rangeText);
  const next = useNextPort(base);
  const names = useMemo(
    () => new Map((monitoring.data?.ports ?? []).map((row) => [row.port, row.resource_name])),
    [monitoring.data],
  );
  const health = useMemo(() => new Map(ports.map((port) => [port.port, port])), [ports]);

  const confirm = () => {
    if (plan) void runner.run(plan);
    setPlan(null);
  };

  return (
    <div className="stack">
      <QueryBoundary query={status} what="the scaling status">
        {(data) =>
          base === null ? (
            <EmptyState title="No port can be scaled.">
              The gateway reports no scaling range.
            </EmptyState>
          ) : (
            <>
              {ranges.length > 1 && (
                <label className="field field--inline">
                  <span>Base port</span>
                  <select
                    value={baseKey ?? ""}
                    onChange={(event) => setChosenBase(event.target.value)}
                  >
                    {ranges.map(([key, text]) => (
                      <option key={key} value={key}>
                        {key} ({text})
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {runner.progress && (
                <p role="status" className="muted">
                  Working: {runner.progress.done} of {runner.progress.plan.ports.length} done…
                </p>
              )}
              <div className="grid-2">
                <CreatePanel
                  base={base}
                  rangeText={rangeText}
                  range={range}
                  available={data.available_scaling_ports}
                  next={next}
                  busy={runner.progress !== null}
                  onPlan={(ports) => setPlan({ action: "create", ports })}
                />
                <RemovePanel
                  rangeText={rangeText}
                  active={removalOrder(data.active_scaling_ports, range)}
                  names={names}
                  health={health}
                  busy={runner.progress !== null}
                  onPlan={(port) => setPlan({ action: "remove", ports: [port] })}
                />
              </div>
            </>
          )
        }
      </QueryBoundary>
      <OutcomeList />
      {plan && base !== null && (
        <ConfirmDialog
          title={plan.action === "create" ? "Create scaling ports" : "Remove a scaling port"}
          confirmLabel={plan.action === "create" ? "Create" : "Remove"}
          danger={plan.action === "remove"}
          onConfirm={confirm}
          onCancel={() => setPlan(null)}
        >
          <PlanQuestion plan={plan} base={base} rangeText={rangeText} />
        </ConfirmDialog>
      )}
    </div>
  );
}
