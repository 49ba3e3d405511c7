import { describe, expect, it } from "vitest";
import { kubeconfigContexts } from "@/components/clusters/kubeconfig-contexts";
import { formatKey, keyOf } from "@/lib/deploy/resource-key";
import { duration, fieldChanges, objectLabel, relativeTime } from "../format";

describe("deploy view formatting", () => {
  it("labels objects by their typed key: kind, and namespace/name", () => {
    const key = { group: "apps", version: "v1", kind: "StatefulSet", namespace: "monitoring", name: "prometheus" };
    expect(objectLabel({ key, kind: "StatefulSet", object: "apps/v1/StatefulSet monitoring/prometheus" })).toEqual({
      kind: "StatefulSet",
      name: "monitoring/prometheus",
    });
    const ns = { group: "", version: "v1", kind: "Namespace", name: "monitoring" };
    expect(objectLabel({ key: ns, kind: "Namespace", object: "v1/Namespace monitoring" })).toEqual({
      kind: "Namespace",
      name: "monitoring",
    });
    expect(formatKey(key)).toBe("apps/v1/StatefulSet monitoring/prometheus");
    expect(
      formatKey(
        keyOf({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "thanos" } }),
      ),
    ).toBe("rbac.authorization.k8s.io/v1/ClusterRole thanos");
  });

  it("shows the engine's field diff as path: before → after, with absent sides as a dash", () => {
    expect(
      fieldChanges([
        { path: "spec.replicas", op: "change", from: 2, to: 3 },
        { path: "metadata.labels.x", op: "add", to: "y" },
        { path: "spec.template.spec.containers[0].args", op: "change", from: ["--a"], to: ["--a", "--b"] },
      ]),
    ).toEqual([
      { path: "spec.replicas", before: "2", after: "3" },
      { path: "metadata.labels.x", before: "—", after: "y" },
      { path: "spec.template.spec.containers[0].args", before: '["--a"]', after: '["--a","--b"]' },
    ]);
    expect(fieldChanges([])).toEqual([]);
  });

  it("says how long ago and how long", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(relativeTime("2026-01-01T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2026-01-01T11:50:00Z", now)).toBe("10 minutes ago");
    expect(relativeTime("2026-01-01T09:00:00Z", now)).toBe("3 hours ago");
    expect(duration("2026-01-01T12:00:00Z", "2026-01-01T12:01:05Z")).toBe("1m 5s");
    expect(duration("2026-01-01T12:00:00Z", "2026-01-01T12:00:09Z")).toBe("9s");
  });
});

describe("context picker", () => {
  it("lists a kubeconfig's contexts and its current one, without reading credentials", () => {
    const text = `apiVersion: v1
kind: Config
current-context: prod
contexts:
- name: dev
  context: { cluster: dev, user: alice }
- name: prod
  context: { cluster: prod, user: deployer, namespace: monitoring }
users:
- name: deployer
  user: { token: secret-token }
`;
    const r = kubeconfigContexts(text);
    expect(r.current).toBe("prod");
    expect(r.contexts).toEqual([
      { name: "dev", cluster: "dev", user: "alice", namespace: undefined },
      { name: "prod", cluster: "prod", user: "deployer", namespace: "monitoring" },
    ]);
    expect(JSON.stringify(r)).not.toContain("secret-token");
  });

  it("explains what is wrong with text that is not a kubeconfig", () => {
    expect(kubeconfigContexts("").contexts).toEqual([]);
    expect(kubeconfigContexts("a: [").error).toMatch(/not valid YAML/);
    expect(kubeconfigContexts("- a\n- b").error).toMatch(/not a kubeconfig/);
    expect(kubeconfigContexts("apiVersion: v1\nkind: Config").error).toMatch(/no contexts/);
  });
});
