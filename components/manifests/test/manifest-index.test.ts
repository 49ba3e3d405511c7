import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { filterObjects, groupByKind, indexManifests } from "../manifest-index";
import { highlightYaml } from "../yaml-highlight";

// A committed golden: the renderer's real output for one cluster of a built-in template.
const golden = readFileSync("server/render/golden/full-stack-receiver/tke.yaml", "utf8");

describe("manifest index", () => {
  it("finds every object of a rendered cluster with the lines it spans", () => {
    const objects = indexManifests(golden);
    const documents = golden.split(/^---$/m).length;
    expect(objects).toHaveLength(documents);
    const lines = golden.split("\n");
    for (const o of objects) {
      expect(lines[o.startLine - 1]).toMatch(/^(apiVersion|kind):/);
      const body = lines.slice(o.startLine - 1, o.endLine).join("\n");
      expect(body).toContain(`kind: ${o.kind}`);
      expect(body).toContain(`name: ${o.name}`);
      // The line after an object is the next document's separator (or the end).
      expect(lines[o.endLine] ?? "---").toMatch(/^(---)?$/);
    }
    expect(objects[0]).toMatchObject({ kind: "Namespace", name: "thanos", startLine: 2 });
    expect(objects[1]).toMatchObject({ kind: "ServiceAccount", name: "prometheus", namespace: "thanos" });
  });

  it("groups by kind in apply order and filters on kind, name and namespace", () => {
    const objects = indexManifests(golden);
    const groups = groupByKind(objects);
    expect(groups[0].kind).toBe("Namespace");
    expect(groups.reduce((n, g) => n + g.objects.length, 0)).toBe(objects.length);
    const statefulSets = filterObjects(objects, "statefulset");
    expect(statefulSets.length).toBeGreaterThan(0);
    expect(statefulSets.every((o) => o.kind === "StatefulSet")).toBe(true);
    expect(filterObjects(objects, "service prometheus").every((o) => /service/i.test(o.kind))).toBe(true);
    expect(filterObjects(objects, "no-such-object")).toEqual([]);
  });

  it("skips documents that are not Kubernetes objects", () => {
    expect(indexManifests("# only a comment\n---\nfoo: bar\n---\nkind: ConfigMap\nmetadata:\n  name: x\n")).toEqual([
      { key: "ConfigMap//x", kind: "ConfigMap", name: "x", startLine: 5, endLine: 7 },
    ]);
  });
});

describe("YAML highlighting", () => {
  it("keeps the text exactly and classes keys, strings, numbers, keywords and comments", () => {
    const lines = highlightYaml(golden);
    expect(lines.map((l) => l.map((s) => s.text).join("")).join("\n")).toBe(golden);
    const tokens = (text: string) =>
      highlightYaml(text)
        .flat()
        .filter((s) => s.token && s.token !== "punctuation")
        .map((s) => `${s.token}:${s.text}`);
    expect(tokens('# note\nreplicas: 3\nname: "q"\nenabled: true\nimage: thanos\n')).toEqual([
      "comment:# note",
      "key:replicas",
      "number:3",
      "key:name",
      'string:"q"',
      "key:enabled",
      "keyword:true",
      "key:image",
      "string:thanos",
    ]);
  });
});

describe("manifest index: documents written another way", () => {
  it("reads quoted names and falls back to a YAML parse for flow style", () => {
    const yaml = [
      "kind: Service",
      "metadata:",
      '  name: "query-http"',
      "  namespace: 'mon'",
      "---",
      "kind: ConfigMap",
      "metadata: { name: flow, namespace: mon }",
      "",
    ].join("\n");
    expect(indexManifests(yaml)).toEqual([
      {
        key: "Service/mon/query-http",
        kind: "Service",
        name: "query-http",
        namespace: "mon",
        startLine: 1,
        endLine: 4,
      },
      { key: "ConfigMap/mon/flow", kind: "ConfigMap", name: "flow", namespace: "mon", startLine: 6, endLine: 7 },
    ]);
  });
});
