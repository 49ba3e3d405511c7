import { describe, expect, it } from "vitest";
import type { KubeObject } from "./kinds";
import { applySteps, pruneSteps } from "./order";

const o = (kind: string, name = kind.toLowerCase()): KubeObject => ({ apiVersion: "v1", kind, metadata: { name } });

describe("dependency order", () => {
  const bundle = [
    "Prometheus",
    "StatefulSet",
    "Service",
    "ConfigMap",
    "RoleBinding",
    "Role",
    "ServiceAccount",
    "ClusterRoleBinding",
    "ClusterRole",
    "CustomResourceDefinition",
    "Namespace",
    "PodDisruptionBudget",
    "Secret",
    "Deployment",
  ].map((k) => o(k));

  it("applies namespaces, CRDs, service accounts, cluster RBAC, RBAC, config, services, PDBs, workloads, then CRs", () => {
    expect(applySteps(bundle).map((s) => s.map((x) => x.kind))).toEqual([
      ["Namespace"],
      ["CustomResourceDefinition"],
      ["ServiceAccount"],
      ["ClusterRole"],
      ["ClusterRoleBinding"],
      ["Role"],
      ["RoleBinding"],
      ["ConfigMap", "Secret"],
      ["Service"],
      ["PodDisruptionBudget"],
      ["StatefulSet", "Deployment"],
      ["Prometheus"],
    ]);
  });

  it("puts unknown kinds last and prunes in reverse", () => {
    const steps = applySteps([o("Widget"), o("Namespace")]);
    expect(steps.map((s) => s[0]!.kind)).toEqual(["Namespace", "Widget"]);
    expect(pruneSteps(bundle)[0]!.map((x) => x.kind)).toEqual(["Prometheus"]);
    expect(
      pruneSteps(bundle)
        .at(-1)!
        .map((x) => x.kind),
    ).toEqual(["Namespace"]);
  });
});
