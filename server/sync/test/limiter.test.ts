// The limiter that keeps a designs list from comparing every design with its clusters at once.
import { describe, expect, it } from "vitest";
import { limiter } from "../limiter";

describe("limiter", () => {
  it("runs at most n tasks at once, in arrival order, even when newcomers arrive as a slot frees", async () => {
    const limit = limiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number, ms: number) =>
      limit(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise((r) => setTimeout(r, ms));
        running--;
        return i;
      });
    const first = [task(0, 20), task(1, 5), task(2, 5), task(3, 5)];
    // Arrives while the queue drains: must wait its turn rather than take a handed-over slot.
    await first[1];
    const late = task(4, 1);
    expect(await Promise.all([...first, late])).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("a failing task frees its slot", async () => {
    const limit = limiter(1);
    await expect(limit(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limit(async () => "next")).toBe("next");
  });
});
