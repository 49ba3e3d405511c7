// The /metrics parser against what a hostile or broken endpoint can send: a line built to make a
// backtracking pattern take seconds, lines and bodies over the caps.
import { describe, expect, it } from "vitest";
import { MAX_LINE_LENGTH, parseExposition } from "../exposition";

describe("exposition parsing stays linear", () => {
  it("rejects a 30 KB line of digits that ends badly in well under 200 ms", () => {
    const line = `thanos_shipper_uploads_total ${"1".repeat(30_000)}x\n`;
    const started = performance.now();
    const result = parseExposition(line.repeat(3));
    const elapsed = performance.now() - started;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain("invalid sample value");
    expect(elapsed).toBeLessThan(200);
  });

  it("parses a 30 KB label value and a label-heavy line in one pass", () => {
    const labels = Array.from({ length: 2000 }, (_, i) => `l${i}="v"`).join(",");
    const body = `a{v="${"x".repeat(30_000)}"} 1\nb{${labels}} 2.5e3\n`;
    const started = performance.now();
    const result = parseExposition(body);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.samples.map((s) => s.value)).toEqual([1, 2500]);
  });

  it("refuses a line over the cap without looking into it", () => {
    const result = parseExposition(`m ${"9".repeat(MAX_LINE_LENGTH + 1)}\n`);
    expect(result).toEqual({ ok: false, error: `metrics line 1 is longer than ${MAX_LINE_LENGTH} characters` });
  });

  it("still reads Go's float spellings", () => {
    const result = parseExposition("a 1.\nb .5\nc -3e-2\nd +Inf\ne 0x1F\n");
    expect(result.ok && result.value.samples.map((s) => s.value)).toEqual([1, 0.5, -0.03, Infinity, 31]);
    expect(parseExposition("f 1e\n").ok).toBe(false);
    expect(parseExposition("g .\n").ok).toBe(false);
  });
});
