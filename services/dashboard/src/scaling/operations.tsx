/** The outcomes of the operator's scaling requests, kept while the page is open. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

import { ApiError, errorText } from "../api/client";

export interface Outcome {
  id: number;
  at: string;
  action: "create" | "remove";
  port: number;
  ok: boolean;
  /** the HTTP status of a refusal, or null on success or when the gateway was not reached. */
  status: number | null;
  text: string;
}

interface Operations {
  outcomes: Outcome[];
  succeeded: (action: Outcome["action"], port: number, text: string) => void;
  failed: (action: Outcome["action"], port: number, error: unknown) => void;
  clear: () => void;
}

const OperationsContext = createContext<Operations | null>(null);

export function OperationsProvider({ children }: { children: ReactNode }) {
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  const add = useCallback((outcome: Omit<Outcome, "id" | "at">) => {
    setOutcomes((all) => [
      { ...outcome, id: all.length + 1, at: new Date().toISOString() },
      ...all,
    ]);
  }, []);

  const value = useMemo<Operations>(
    () => ({
      outcomes,
      succeeded: (action, port, text) => add({ action, port, ok: true, status: null, text }),
      failed: (action, port, error) => {
        const status = error instanceof ApiError && error.status > 0 ? error.status : null;
        add({ action, port, ok: false, status, text: errorText(error) });
      },
      clear: () => setOutcomes([]),
    }),
    [outcomes, add],
  );
  return <OperationsContext.Provider value={value}>{children}</OperationsContext.Provider>;
}

export function useOperations(): Operations {
  const found = useContext(OperationsContext);
  if (!found) throw new Error("useOperations needs an OperationsProvider");
  return found;
}
