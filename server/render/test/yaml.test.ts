import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { toYaml } from "..";
import { stringify } from "../yaml";
import { renderedTemplates } from "./fixtures";

const both = (text: string) => [parse(text, { version: "1.1" }), parse(text, { version: "1.2" })];

describe("YAML emitter", () => {
  it("round-trips every rendered object and every embedded config, in YAML 1.1 (Kubernetes) and 1.2", () => {
    for (const { objects } of renderedTemplates()) {
      const docs = parseAllDocuments(toYaml(objects), { version: "1.1" }).map((d) => d.toJS());
      expect(docs).toEqual(objects);
      for (const o of objects) {
        for (const v of Object.values((o.data ?? o.stringData ?? {}) as Record<string, string>)) {
          for (const back of both(stringify(v))) expect(back).toBe(v);
        }
      }
    }
  });

  it("quotes every string a YAML parser would read as something else", () => {
    const tricky = [
      "true",
      "False",
      "yes",
      "No",
      "on",
      "OFF",
      "y",
      "n",
      "null",
      "~",
      "",
      " lead",
      "trail ",
      "0",
      "10",
      "-1",
      "1.5",
      ".5",
      "1e3",
      "0x1F",
      "0o17",
      "1:20",
      "2026-11-21",
      ".inf",
      ".NaN",
      "-",
      "- x",
      "---",
      "a: b",
      "a #b",
      "a:",
      ":a",
      "#x",
      "&a",
      "*a",
      "!x",
      "|",
      ">",
      "'q",
      '"q',
      "%x",
      "@x",
      "`x",
      "{{ $labels.pod }} is down",
      "[x]",
      "{x}",
      ",x",
      "?x",
      "tab\there",
      "ünïcode",
      "line\nbreak",
      "two\n\n",
      "trailing space \nx",
      " lead\nx",
      "\n",
      "$(POD_NAME)",
      "${POD_NAME}",
      "^0$",
      '--label=rule_replica="$(NAME)"',
      'up{job="x"} == 0',
      "http://a:9090",
      "10.0.0.1:9100",
      "12h",
      "2h",
      "30s",
      "1y",
      "=",
    ];
    for (const s of tricky) {
      const doc = { k: s, list: [s], [s]: 1 };
      for (const back of both(stringify(doc))) expect(back, JSON.stringify(s)).toEqual(doc);
    }
  });

  it("emits block style like kubectl: literals for multi-line text, empty collections inline", () => {
    expect(stringify({ a: { b: [1, "x"], c: {}, d: [] }, e: "l1\nl2\n", f: [{ g: 1, h: [{ i: true }] }] })).toBe(
      [
        "a:",
        "  b:",
        "    - 1",
        "    - x",
        "  c: {}",
        "  d: []",
        "e: |",
        "  l1",
        "  l2",
        "f:",
        "  - g: 1",
        "    h:",
        "      - i: true",
        "",
      ].join("\n"),
    );
  });
});
