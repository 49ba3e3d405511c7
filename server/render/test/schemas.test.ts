import { describe, expect, it } from "vitest";
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as rbac from "kubernetes-models/rbac.authorization.k8s.io/v1";
import * as policy from "kubernetes-models/policy/v1";
import * as networking from "kubernetes-models/networking.k8s.io/v1";
import * as monitoring from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import { OWNER_LABEL, type KubeObject } from "..";
import { renderedTemplates } from "./fixtures";

/** Model classes from maintained packages generated from the Kubernetes OpenAPI and the operator's CRDs. */
const MODELS: Record<string, Record<string, new (o: never) => { validate(): void }>> = {
  v1: core as never,
  "apps/v1": apps as never,
  "rbac.authorization.k8s.io/v1": rbac as never,
  "policy/v1": policy as never,
  "networking.k8s.io/v1": networking as never,
  "monitoring.coreos.com/v1": monitoring as never,
};

function validate(o: KubeObject): void {
  const Model = MODELS[o.apiVersion]?.[o.kind];
  if (!Model) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  new Model(structuredClone(o) as never).validate();
}

const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding"]);

describe("every rendered object validates against the Kubernetes OpenAPI schemas", () => {
  for (const { template, cluster, objects } of renderedTemplates()) {
    it(`${template}/${cluster}: ${objects.length} objects`, () => {
      for (const o of objects) expect(() => validate(o), `${o.kind}/${o.metadata.name}`).not.toThrow();
    });

    it(`${template}/${cluster}: every object is owned, namespaced where it must be, and uniquely named`, () => {
      const seen = new Set<string>();
      for (const o of objects) {
        expect(o.metadata.labels?.[OWNER_LABEL], `${o.kind}/${o.metadata.name}`).toBeTruthy();
        expect(o.metadata.labels?.["app.kubernetes.io/managed-by"]).toBe("topology-studio");
        expect(o.metadata.name.length).toBeLessThanOrEqual(63);
        if (CLUSTER_SCOPED.has(o.kind)) expect(o.metadata.namespace).toBeUndefined();
        else expect(o.metadata.namespace).toBeTruthy();
        const key = `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
        expect(seen.has(key), `duplicate ${key}`).toBe(false);
        seen.add(key);
      }
    });
  }

  it("rejects an invalid object (the validator is real)", () => {
    expect(() =>
      validate({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "x" }, spec: { replicas: "two" } }),
    ).toThrow(/replicas/);
    expect(() =>
      validate({
        apiVersion: "monitoring.coreos.com/v1",
        kind: "Prometheus",
        metadata: { name: "x" },
        spec: { shards: "3" },
      }),
    ).toThrow();
  });
});
