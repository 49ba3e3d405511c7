// Every text colour of both themes against every background it is drawn on, from app/globals.css itself:
// WCAG AA asks 4.5:1 for normal text. axe checks the pages the e2e suite visits; this checks the palette.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const css = readFileSync(path.join(__dirname, "../../../app/globals.css"), "utf8");

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block in globals.css`);
  const body = css.slice(start, css.indexOf("\n}", start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]));
}

const light = block(":root");
const themes = { light, dark: { ...light, ...block(':root[data-theme="dark"]') } };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

const surfaces = ["bg", "surface", "surface-2", "surface-hover"];
const texts = ["text", "text-muted", "text-faint", "primary", "success", "warning", "danger", "info"];
const syntax = Object.keys(light).filter((k) => k.startsWith("syntax-") && !k.startsWith("syntax-bracket"));
const pairs: [string, string][] = [
  ...texts.flatMap((t) => surfaces.map((s): [string, string] => [t, s])),
  ...["primary", "success", "warning", "danger", "info"].map((k): [string, string] => [k, `${k}-soft`]),
  ["primary-text", "primary"],
  ["danger-text", "danger"],
  ["on-solid", "danger-solid"],
  ["on-solid", "warning-solid"],
  ["code-text", "code-bg"],
  ["chip-text", "chip-bg"],
  ["danger-ink", "danger-soft"],
  ["success-ink", "success-soft"],
  ...syntax.flatMap((k) => ["surface", "code-bg"].map((s): [string, string] => [k, s])),
];

describe("theme palette contrast", () => {
  for (const [name, vars] of Object.entries(themes)) {
    it(`${name}: every text colour is at least 4.5:1 on its backgrounds`, () => {
      const low = pairs
        .map(([fg, bg]) => {
          expect(vars[fg], `--${fg} in ${name}`).toMatch(/^#/);
          expect(vars[bg], `--${bg} in ${name}`).toMatch(/^#/);
          return { pair: `--${fg} on --${bg}`, ratio: Math.round(contrast(vars[fg]!, vars[bg]!) * 100) / 100 };
        })
        .filter((p) => p.ratio < 4.5);
      expect(low).toEqual([]);
    });
  }

  it("the dark theme really differs: dark backgrounds, light text", () => {
    expect(luminance(themes.dark.bg!)).toBeLessThan(0.05);
    expect(luminance(themes.dark.text!)).toBeGreaterThan(0.7);
  });
});
