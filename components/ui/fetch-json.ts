// Browser-side JSON calls to our API: resolves with the parsed body, rejects with ApiError whose
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

export async function fetchJson<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    credentials: "same-origin",
  });
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!res.ok) {
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
  return data as T;
}
