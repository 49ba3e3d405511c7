// Browser-side calls to our API: resolve with the parsed body (or the text), reject with ApiError whose
// message is the server's `{error}` text (plus the first validation issue), ready for a toast.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface RequestInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The response text of a successful request; ApiError otherwise. */
async function request(url: string, init: RequestInit): Promise<string> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    credentials: "same-origin",
  });
  const text = await res.text();
  if (res.ok) return text;
  const data = parse(text);
  const body = data as { error?: string; issues?: Array<{ path: string; message: string }> } | undefined;
  let message = body?.error ?? `request failed (HTTP ${res.status})`;
  const issue = body?.issues?.[0];
  if (issue) message += `: ${issue.path ? issue.path + " " : ""}${issue.message}`;
  if (res.status === 401 && typeof window !== "undefined") {
    // Session expired: go to sign-in and come back here afterwards.
    window.location.href = `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
  }
  throw new ApiError(res.status, message, data);
}

export async function fetchJson<T = unknown>(url: string, init: RequestInit = {}): Promise<T> {
  return parse(await request(url, init)) as T;
}

/** For text answers (YAML manifests): the body as is. */
export function fetchText(url: string, init: RequestInit = {}): Promise<string> {
  return request(url, init);
}
