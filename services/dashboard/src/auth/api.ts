/** The gateway's sign-in endpoints under /api/auth: who am I, sign in, sign out. */
import { ApiError } from "../api/client";

export const AUTH_PREFIX = "/api/auth";
/** The query key of the signed-in user. */
export const meKey = ["me"] as const;

/** Whether a cached query belongs to someone's session (everything but "me"). */
export const isSessionData = (query: { queryKey: readonly unknown[] }) =>
  query.queryKey[0] !== meKey[0];

export interface Me {
  name: string;
  role: "viewer" | "operator" | "admin" | null;
  kind: "user" | "token" | "anonymous";
  anonymous_read: boolean;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${AUTH_PREFIX}${path}`, {
      method,
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "The gateway cannot be reached; check that Conductor is running.");
  }
  const payload: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = (payload as { detail?: unknown }).detail;
    throw new ApiError(
      response.status,
      String(detail ?? `The gateway answered ${response.status}.`),
    );
  }
  return payload as T;
}

export const fetchMe = () => call<Me>("GET", "/me");
export const signIn = (name: string, password: string) =>
  call<Me>("POST", "/sign-in", { name, password });
export const signOut = () => call<{ detail: string }>("POST", "/sign-out");
