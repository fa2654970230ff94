/** Runs a confirmed plan of scaling requests one after another, stopping at the first refusal. */
import { useState } from "react";

import { useCreatePort, useRemovePort } from "../../api/queries";
import { useOperations } from "../../scaling/operations";

export interface Plan {
  action: "create" | "remove";
  ports: number[];
}

export function usePlanRunner() {
  const create = useCreatePort();
  const remove = useRemovePort();
  const operations = useOperations();
  const [progress, setProgress] = useState<{ plan: Plan; done: number } | null>(null);

  const run = async (plan: Plan) => {
    setProgress({ plan, done: 0 });
    for (const [index, port] of plan.ports.entries()) {
      try {
        const reply =
          plan.action === "create"
            ? await create.mutateAsync(port)
            : await remove.mutateAsync(port);
        operations.succeeded(plan.action, port, reply.message);
      } catch (error) {
        operations.failed(plan.action, port, error);
        break;
      }
      setProgress({ plan, done: index + 1 });
    }
    setProgress(null);
  };

  return { run, progress };
}
