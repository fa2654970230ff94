/** Fetch helpers for the gateway: relative URLs, JSON bodies, and errors that carry `detail`. */

export const API_PREFIX = "/api/components";

/** A non-2xx answer from the gateway, with the sentence it gave as `detail`. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;

  constructor(status: number, detail: string) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
  }
}

async function readDetail(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === "object" && "detail" in body) {
      return String((body as { detail: unknown }).detail);
    }
  } catch {
    // a body that is not JSON (a proxy's error page) falls through to the status line
  }
  return `The gateway answered ${response.status} ${response.statusText}`.trim() + ".";
}

/** Calls `path` under the API prefix and returns its JSON body, or throws an ApiError. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, {
      ...init,
      headers: { Accept: "application/json", ...init.headers },
    });
  } catch {
    throw new ApiError(0, "The gateway cannot be reached; check that Conductor is running.");
  }

  if (!response.ok) {
    throw new ApiError(response.status, await readDetail(response));
  }
  return (await response.json()) as T;
}

/** Sends `body` as JSON with `method`. */
export function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "Content-Type": "application/json" };
  }
  return request<T>(path, init);
}

/** The message a person should read for any error thrown by a request. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}
