import { afterEach, describe, expect, it } from "vitest";
import { BackgroundRefresh } from "../background-refresh";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
const refreshers: BackgroundRefresh<unknown>[] = [];
afterEach(() => refreshers.splice(0).forEach((r) => r.clear()));

function refresher<T>(opts: ConstructorParameters<typeof BackgroundRefresh<T>>[0]) {
  const r = new BackgroundRefresh<T>(opts);
  refreshers.push(r as BackgroundRefresh<unknown>);
  return r;
}

describe("BackgroundRefresh", () => {
  it("loads once for twenty concurrent first readers", async () => {
    const r = refresher<number>({ intervalMs: 60_000, idleMs: 60_000, concurrency: 2 });
    let loads = 0;
    const load = async () => (await tick(20), ++loads);
    const answers = await Promise.all(Array.from({ length: 20 }, () => r.get("d", load)));
    expect(answers).toEqual(Array(20).fill(1));
    expect(loads).toBe(1);
  });

  it("refreshes on its own schedule; readers get the last value at once, even while a slow refresh runs", async () => {
    const r = refresher<number>({ intervalMs: 30, idleMs: 60_000, concurrency: 1 });
    let loads = 0;
    let slow = false;
    const load = async () => {
      loads++;
      await tick(slow ? 400 : 1);
      return loads;
    };
    expect(await r.get("d", load)).toBe(1);
    await tick(120);
    expect(loads).toBeGreaterThanOrEqual(3); // nobody asked: the schedule alone refreshed it
    slow = true;
    await tick(60); // a slow refresh is now running
    const before = loads;
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => r.get("d", load)));
    expect(performance.now() - started).toBeLessThan(50);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toBeLessThanOrEqual(before); // the last finished refresh, not the running one
    expect(loads).toBe(before); // reading never starts another refresh
  });

  it("stops refreshing a key nobody read for idleMs, and loads it again on the next read", async () => {
    let now = 0;
    const r = refresher<number>({ intervalMs: 10, idleMs: 1000, concurrency: 1, clock: () => now });
    let loads = 0;
    const load = async () => ++loads;
    await r.get("d", load);
    await tick(50);
    expect(loads).toBeGreaterThan(1);
    now = 1000; // a second without a reader
    await tick(40);
    expect(r.keys()).toEqual([]);
    const settled = loads;
    await tick(40);
    expect(loads).toBe(settled);
    expect(await r.get("d", load)).toBe(settled + 1);
  });

  it("runs at most `concurrency` loads at once across keys", async () => {
    const r = refresher<string>({ intervalMs: 60_000, idleMs: 60_000, concurrency: 2 });
    let running = 0;
    let peak = 0;
    const load = (key: string) => async () => {
      peak = Math.max(peak, ++running);
      await tick(20);
      running--;
      return key;
    };
    const keys = ["a", "b", "c", "d", "e"];
    expect(await Promise.all(keys.map((k) => r.get(k, load(k))))).toEqual(keys);
    expect(peak).toBe(2);
  });

  it("drops a key whose load fails, so its next reader sees the error and then a fresh load", async () => {
    const r = refresher<string>({ intervalMs: 60_000, idleMs: 60_000, concurrency: 1 });
    await expect(r.get("d", async () => Promise.reject(new Error("design not found")))).rejects.toThrow("not found");
    expect(r.keys()).toEqual([]);
    expect(await r.get("d", async () => "ok")).toBe("ok");
  });
});
