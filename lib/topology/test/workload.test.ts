import { describe, expect, it } from "vitest";
import { parseDesign, validateDesign } from "../design";
import { quantityValue } from "../kinds/workload";

const design = (settings: Record<string, unknown>) => ({
  name: "d",
  components: [
    { id: "c", kind: "cluster", name: "c" },
    { id: "q", kind: "query", name: "q", cluster: "c", settings },
  ],
});

describe("workload settings", () => {
  it("a limit below its request is a validation error at that limit's path", () => {
    const v = validateDesign(design({ resources: { requests: { memory: "4Gi" }, limits: { memory: "1Gi" } } }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues).toContainEqual({
      path: "components.1.settings.resources.limits.memory",
      message: "memory limit 1Gi is below its request 4Gi; raise the limit or lower the request",
    });
  });

  it("a request above the default limit is caught too (the default is a value like any other)", () => {
    const v = validateDesign(design({ resources: { requests: { cpu: "3" } } }));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => i.path)).toEqual(["components.1.settings.resources.limits.cpu"]);
  });

  it("every workload kind gets requests, limits and hardening defaults from its own schema", () => {
    const d = parseDesign({
      name: "d",
      components: [
        { id: "c", kind: "cluster", name: "c" },
        ...["prometheus", "query", "queryFrontend", "storeGateway", "compactor", "ruler", "receiver", "bucketWeb"].map(
          (kind) => ({ id: kind, kind, name: kind.toLowerCase(), cluster: "c" }),
        ),
      ],
    });
    for (const c of d.components) {
      if (c.kind === "cluster") continue;
      const s = c.settings as { resources: Record<string, Record<string, string>>; workload: Record<string, unknown> };
      for (const k of ["cpu", "memory"]) {
        expect(s.resources.requests[k], `${c.kind} request ${k}`).toBeTruthy();
        expect(quantityValue(s.resources.limits[k])).toBeGreaterThanOrEqual(quantityValue(s.resources.requests[k]));
      }
      expect(s.workload).toMatchObject({
        runAsUser: 65534,
        runAsGroup: 65534,
        fsGroup: 65534,
        readOnlyRootFilesystem: true,
      });
      expect(s.workload.automountServiceAccountToken).toBe(c.kind === "prometheus");
    }
    const byKind = Object.fromEntries(
      d.components.map((c) => [c.kind, c.settings as { workload: Record<string, unknown> }]),
    );
    expect(byKind.receiver.workload.terminationGracePeriodSeconds).toBe(900);
    expect(byKind.receiver.workload.antiAffinity).toBe("required");
    expect(byKind.storeGateway.workload.antiAffinity).toBe("required");
    expect(byKind.prometheus.workload.antiAffinity).toBe("required");
    expect(byKind.query.workload.antiAffinity).toBe("preferred");
    expect(byKind.queryFrontend.workload.antiAffinity).toBe("preferred");
  });

  it("root is refused as a user", () => {
    const v = validateDesign(design({ workload: { runAsUser: 0 } }));
    expect(!v.ok && v.issues[0]).toMatchObject({ path: "components.1.settings.workload.runAsUser" });
  });

  it("reads Kubernetes quantities", () => {
    expect(quantityValue("500m")).toBe(0.5);
    expect(quantityValue("2")).toBe(2);
    expect(quantityValue("512Mi")).toBe(512 * 2 ** 20);
    expect(quantityValue("1G")).toBe(1e9);
    expect(quantityValue("x")).toBeNaN();
  });
});
