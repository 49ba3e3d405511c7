import { describe, expect, it } from "vitest";
import { KubeApiError, KubeTransportError } from "./errors";
import { withRetry } from "./retry";

describe("withRetry", () => {
  it("retries 5xx, 429 and transport errors, then gives the answer", async () => {
    const errors = [
      new KubeApiError(500, "InternalError", "x", "PATCH", "/p"),
      new KubeApiError(429, "TooManyRequests", "x", "PATCH", "/p"),
      new KubeTransportError("reset", "ECONNRESET", "PATCH", "/p"),
    ];
    let calls = 0;
    const v = await withRetry(
      async () => {
        const e = errors[calls++];
        if (e) throw e;
        return "ok";
      },
      { baseDelayMs: 1 },
    );
    expect(v).toBe("ok");
    expect(calls).toBe(4);
  });

  it("does not retry other 4xx answers", async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new KubeApiError(422, "Invalid", "bad", "PATCH", "/p");
        },
        { baseDelayMs: 1 },
      ),
    ).rejects.toThrow("bad");
    expect(calls).toBe(1);
  });

  it("gives up after the configured attempts with the last error", async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new KubeApiError(503, "ServiceUnavailable", `try ${calls}`, "GET", "/p");
        },
        { attempts: 3, baseDelayMs: 1 },
      ),
    ).rejects.toThrow("try 3");
    expect(calls).toBe(3);
  });

  it("waits as long as Retry-After asks, within maxDelayMs", async () => {
    const delays: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw new KubeApiError(429, "TooManyRequests", "slow down", "PATCH", "/p", 300);
        return 1;
      },
      { baseDelayMs: 1, maxDelayMs: 250, onRetry: (_a, _e, d) => delays.push(d) },
    );
    expect(delays).toEqual([250]);
  });
});
