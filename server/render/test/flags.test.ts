import { describe, expect, it } from "vitest";
import { parseDesign, type Design } from "@/lib/topology";
import { lintDesign } from "@/lib/topology/lint";
import { PRODUCTS, SUPPORTED_RELEASES, type Product } from "@/lib/topology/releases";
import { TEMPLATES, getTemplate } from "@/lib/topology/templates";
import { render, renderAll, type KubeObject } from "..";
import { PROMETHEUS_FLAGS, THANOS_FLAGS, flagProblems, hasFlag, unknownFlags } from "../flags";
import { containersOf, renderedTemplates } from "./fixtures";

/** A template naming one release of one product (the others keep their defaults). */
function naming(template: string, product: Product, tag: string): Design {
  const input = structuredClone(getTemplate(template)!.design);
  input.versions = { ...input.versions, [product]: tag };
  return parseDesign(input);
}

/** Arguments of each Prometheus container, split by whether a Thanos sidecar runs next to it. */
function prometheusArgs(objects: KubeObject[], sidecar: boolean): string[][] {
  return objects
    .map(containersOf)
    .filter((cs) => cs.some((c) => c.name === "thanos-sidecar") === sidecar)
    .flatMap((cs) => cs.filter((c) => c.name === "prometheus").map((c) => c.args ?? []));
}

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
    // v0.37 still had --store next to --endpoint; v0.38 removed it.
    expect(THANOS_FLAGS["0.37"].query).toContain("store");
    expect(THANOS_FLAGS["0.38"].query).not.toContain("store");
  });

  it("says so when a design names a release with no flag list", () => {
    const d = naming("sidecar-ha", "thanos", "v0.20.0");
    expect(flagProblems(render(d, "prod"), d.versions)).toEqual([
      expect.stringMatching(/no flag list for thanos v0\.20\.0: flags unchecked \(known: 0\.24, 0\.25, .*, 0\.42\)/),
    ]);
  });
});

describe("version matrix: every supported release renders every template with only its own flags", () => {
  for (const product of PRODUCTS)
    for (const release of SUPPORTED_RELEASES[product])
      it(`${product} ${release.tag}`, () => {
        let containers = 0;
        for (const t of TEMPLATES) {
          const d = naming(t.name, product, release.tag);
          expect(
            lintDesign(d).filter((f) => f.rule.startsWith("version-")),
            t.name,
          ).toEqual([]);
          for (const r of renderAll(d)) {
            expect(flagProblems(r.objects, d.versions), `${t.name}/${r.cluster}`).toEqual([]);
            containers += r.objects
              .flatMap(containersOf)
              .filter((c) => c.image.includes(`/${product}:${release.tag}`)).length;
          }
        }
        // The matrix proves nothing for a product no template runs.
        expect(containers).toBeGreaterThan(0);
      });

  it("names Query's endpoints with the flag the release has", () => {
    for (const release of SUPPORTED_RELEASES.thanos) {
      const query = renderAll(naming("sidecar-ha", "thanos", release.tag))
        .flatMap((r) => r.objects.flatMap(containersOf))
        .find((c) => c.args?.[0] === "query")!;
      const flag = hasFlag("thanos", release.tag, "endpoint", "query") ? "--endpoint=" : "--store=";
      expect(
        query.args!.some((a) => a.startsWith(flag)),
        release.tag,
      ).toBe(true);
    }
  });

  it("Prometheus 2.x gets --enable-feature=expand-external-labels for ${POD_NAME}; 3.x expands it by default", () => {
    // Remote-write Prometheus has no sidecar reloader: Prometheus itself must expand ${POD_NAME}.
    const lts = renderAll(naming("full-stack-receiver", "prometheus", "v2.53.5")).flatMap((r) => r.objects);
    const rw = prometheusArgs(lts, false);
    expect(rw.length).toBeGreaterThan(0);
    expect(
      rw.every((a) => a.includes("--enable-feature=expand-external-labels")),
      JSON.stringify(rw),
    ).toBe(true);
    const three = renderAll(naming("full-stack-receiver", "prometheus", "v3.0.1")).flatMap((r) => r.objects);
    expect(prometheusArgs(three, false).some((a) => a.some((x) => x.startsWith("--enable-feature")))).toBe(false);
    // The sidecar's reloader substitutes $(POD_NAME) itself: no feature needed even on 2.x.
    const sidecar = prometheusArgs(lts, true);
    expect(sidecar.length).toBeGreaterThan(0);
    expect(sidecar.some((a) => a.some((x) => x.startsWith("--enable-feature")))).toBe(false);
  });

  it("an unsupported release is a lint error naming the supported range, for each product", () => {
    const cases: [Product, string, string][] = [
      ["thanos", "v0.99.0", "v0.24 – v0.42"],
      ["prometheus", "v2.45.0", "v2.53, v3.0 – v3.14"],
      ["alertmanager", "v0.26.0", "v0.27 – v0.34"],
    ];
    for (const [product, tag, range] of cases) {
      const errors = lintDesign(naming("full-stack-receiver", product, tag)).filter((f) => f.severity === "error");
      expect(errors).toEqual([expect.objectContaining({ rule: "version-unsupported", path: `versions.${product}` })]);
      expect(errors[0].message).toContain(tag);
      expect(errors[0].message).toContain(range);
    }
  });
});
