import { describe, expect, it } from "vitest";
import { parseDesign } from "@/lib/topology";
import { TEMPLATES, getTemplate } from "@/lib/topology/templates";
import { render, renderAll } from "..";
import { PROMETHEUS_FLAGS, THANOS_FLAGS, flagProblems, unknownFlags } from "../flags";
import { containersOf, renderedTemplates } from "./fixtures";

describe("every flag render emits exists in the release the design names", () => {
  for (const { template, design, cluster, objects } of renderedTemplates()) {
    it(`${template}/${cluster}`, () => {
      expect(flagProblems(objects, design.versions)).toEqual([]);
      expect(objects.flatMap(containersOf).some((c) => (c.args ?? []).some((a) => a.startsWith("--")))).toBe(true);
    });
  }

  it("rejects the flags current releases removed (the lists are not a rubber stamp)", () => {
    const v = THANOS_FLAGS["0.42"];
    expect(unknownFlags(["query", "--store=dnssrv+_grpc._tcp.x"], v.query)).toEqual(["store"]);
    expect(unknownFlags(["store", "--experimental.enable-index-header"], v.store)).toEqual([
      "experimental.enable-index-header",
    ]);
    expect(
      unknownFlags(["query", "--endpoint=x:10901", "--query.replica-label=a", "--no-query.partial-response"], v.query),
    ).toEqual([]);
    expect(
      unknownFlags(
        ["--storage.tsdb.min-block-duration=2h", "--web.enable-lifecycle", "--no-such-flag"],
        PROMETHEUS_FLAGS["3.14"],
      ),
    ).toEqual(["no-such-flag"]);
  });

  it("says so when a design names a release with no flag list", () => {
    const input = structuredClone(getTemplate("sidecar-ha")!.design);
    input.versions = { thanos: "v0.30.0" };
    const d = parseDesign(input);
    expect(flagProblems(render(d, "prod"), d.versions)).toEqual([
      expect.stringMatching(/no flag list for thanos v0\.30\.0: flags unchecked \(known: 0\.42, 0\.36\)/),
    ]);
  });

  it("renders flags Thanos v0.36 (document 04's chart) accepts too", () => {
    for (const t of TEMPLATES) {
      const input = structuredClone(t.design);
      input.versions = { thanos: "v0.36.1" };
      const d = parseDesign(input);
      for (const r of renderAll(d)) expect(flagProblems(r.objects, d.versions), `${t.name}/${r.cluster}`).toEqual([]);
    }
  });
});
