// OpenAPI v3, reduced to what kubectl reads: the /openapi/v3 index and, per group-version, the
// PATCH operations with their x-kubernetes-group-version-kind and query parameters. kubectl checks
// there that `fieldValidation` is supported and then leaves validation to the server
// (fieldValidation=Strict) instead of downloading schemas. No component schemas are served, so
// `kubectl explain` does not work; `kubectl apply --server-side` and `--validate=false` both do.
import { createHash } from "node:crypto";
import { RESOURCES, groupVersion } from "./resources";

const gvPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);

function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(groupVersion(r), { group: r.group, version: r.version });
  return [...seen.values()];
}

export function openApiV3Document(path: string): Record<string, unknown> | undefined {
  const gv = groupVersions().find((g) => gvPath(g.group, g.version) === path);
  if (!gv) return undefined;
  const param = (name: string) => ({
    name,
    in: "query",
    schema: { type: name === "force" ? "boolean" : "string", uniqueItems: true },
  });
  const paths: Record<string, unknown> = {};
  for (const r of RESOURCES.filter((x) => x.group === gv.group && x.version === gv.version)) {
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const op = (action: string, params: string[]) => ({
      operationId: `${action}${r.kind}`,
      "x-kubernetes-action": action,
      "x-kubernetes-group-version-kind": gvk,
      parameters: params.map(param),
      responses: { "200": { description: "OK" } },
    });
    const base = `/${gvPath(r.group, r.version)}${r.namespaced ? "/namespaces/{namespace}" : ""}/${r.plural}`;
    if (r.virtual) {
      paths[base] = { post: op("post", ["dryRun", "fieldManager", "fieldValidation"]) };
      continue;
    }
    paths[base] = {
      get: op("list", ["labelSelector", "fieldSelector"]),
      post: op("post", ["dryRun", "fieldManager", "fieldValidation"]),
    };
    paths[`${base}/{name}`] = {
      get: op("get", []),
      put: op("put", ["dryRun", "fieldManager", "fieldValidation"]),
      patch: op("patch", ["dryRun", "fieldManager", "fieldValidation", "force"]),
      delete: op("delete", ["dryRun", "propagationPolicy"]),
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: "v1.32.0-topology-sandbox" },
    paths,
    components: { schemas: {} },
  };
}

export function openApiV3Index(): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const g of groupVersions()) {
    const p = gvPath(g.group, g.version);
    const hash = createHash("sha512")
      .update(JSON.stringify(openApiV3Document(p)))
      .digest("hex")
      .slice(0, 32)
      .toUpperCase();
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
  }
  return { paths };
}
