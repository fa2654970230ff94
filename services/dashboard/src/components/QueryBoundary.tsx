/** Shows a query's loading and error states, and its content once it has data. */
import type { ReactNode } from "react";

import { errorText } from "../api/client";
import { Notice } from "./Notice";

interface Props<T> {
  query: { data: T | undefined; isLoading: boolean; error: unknown };
  what: string;
  children: (data: T) => ReactNode;
}

export function QueryBoundary<T>({ query, what, children }: Props<T>) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isLoading)
    return (
      <p className="muted" role="status">
        Loading {what}…
      </p>
    );
  if (query.error) {
    return (
      <Notice tone="error">
        Could not load {what}: {errorText(query.error)}
      </Notice>
    );
  }
  return null;
}
