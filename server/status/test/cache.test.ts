import { describe, expect, it } from "vitest";
import { SingleFlightCache } from "../cache";

describe("SingleFlightCache", () => {
  it("runs one refresh for many concurrent viewers and reuses it until it expires", async () => {
    let now = 0;
    let loads = 0;
    const cache = new SingleFlightCache<number>(5000, 10, () => now);
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 20));
      return loads;
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get("design", load)));
    expect(answers).toEqual(Array(20).fill(1));
    now = 4999;
    expect(await cache.get("design", load)).toBe(1);
    now = 5001;
    expect(await cache.get("design", load)).toBe(2);
    expect(loads).toBe(2);
  });

  it("does not keep failures: a thrown refresh or one `keep` rejects is retried by the next caller", async () => {
    const cache = new SingleFlightCache<{ ok: boolean }>(60_000);
    await expect(cache.get("a", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get("a", async () => ({ ok: true }))).toEqual({ ok: true });
    let calls = 0;
    const failing = async () => ({ ok: (calls++, false) });
    await cache.get("b", failing, (v) => v.ok);
    await cache.get("b", failing, (v) => v.ok);
    expect(calls).toBe(2);
  });

  it("keeps at most maxEntries designs", async () => {
    const cache = new SingleFlightCache<string>(60_000, 2);
    let loads = 0;
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => `${key}${loads++}`);
    expect(await cache.get("a", async () => `a${loads++}`)).toBe("a3");
    expect(await cache.get("c", async () => "never")).toBe("c2");
  });
});

describe("SingleFlightCache with a stale window", () => {
  it("answers at once with the previous report while one background refresh runs", async () => {
    let now = 0;
    let loads = 0;
    let release: () => void = () => undefined;
    const cache = new SingleFlightCache<number>(5000, 10, () => now, 60_000);
    expect(await cache.get("d", async () => ++loads)).toBe(1);
    now = 6000;
    const slow = async () => {
      await new Promise<void>((r) => (release = r));
      return ++loads;
    };
    // Past the TTL: both viewers get the old answer immediately, one refresh starts.
    expect(await cache.get("d", slow)).toBe(1);
    expect(await cache.get("d", slow)).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get("d", slow)).toBe(2);
    expect(loads).toBe(2);
    // Past TTL + stale: the caller waits for a fresh answer.
    now = 200_000;
    expect(await cache.get("d", async () => ++loads)).toBe(3);
  });
});
