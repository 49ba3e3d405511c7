// Records workload objects from the Kubernetes API test server at each rollout stage, as fixtures
// for health.test.ts: npx tsx server/kube/testdata/record-health.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startKubeApi } from "../../../e2e/kube-api/index";
import { apply, call, waitFor, workloadYaml } from "../../../e2e/kube-api/test-client";

const out = join(import.meta.dirname, "health");
const api = await startKubeApi({ readyDelayMs: 400 });
const save = (name: string, o: unknown) => writeFileSync(join(out, `${name}.json`), JSON.stringify(o, null, 2) + "\n");
const wl = (kind: "StatefulSet" | "Deployment", name: string, replicas: number, image: string) => workloadYaml(kind, name, "rec", replicas, image);
await apply(api, "/api/v1/namespaces/rec", "apiVersion: v1\nkind: Namespace\nmetadata: {name: rec}\n");
for (const [kind, plural, name] of [["StatefulSet", "statefulsets", "sts"], ["Deployment", "deployments", "deploy"]] as const) {
  const path = `/apis/apps/v1/namespaces/rec/${plural}/${name}`;
  // Straight from the apply answer: the controller has not observed it yet.
  save(`${name}-unobserved`, (await apply(api, path, wl(kind, name, 2, "img:1"))).body);
  save(`${name}-pods-starting`, await waitFor(async () => { const o = (await call(api, "GET", path)).body; return o.status?.observedGeneration === 1 ? o : undefined; }));
  save(`${name}-ready`, await waitFor(async () => { const o = (await call(api, "GET", path)).body; return o.status?.readyReplicas === 2 ? o : undefined; }));
  await apply(api, path, wl(kind, name, 2, "img:2"));
  save(`${name}-rolling`, await waitFor(async () => { const o = (await call(api, "GET", path)).body; return o.status?.observedGeneration === 2 && o.status.readyReplicas < 2 ? o : undefined; }));
  save(`${name}-rolled`, await waitFor(async () => { const o = (await call(api, "GET", path)).body; return o.status?.observedGeneration === 2 && o.status.readyReplicas === 2 ? o : undefined; }));
}
// Pods as the live tab reads them: one starting, one ready.
const pods = "/api/v1/namespaces/rec/pods?labelSelector=app%3Dsts";
await apply(api, "/apis/apps/v1/namespaces/rec/statefulsets/sts", wl("StatefulSet", "sts", 2, "img:3"));
save("pod-starting", await waitFor(async () => (await call(api, "GET", pods)).body.items?.find((p: { status?: { conditions?: { type: string; status: string }[] } }) => !p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"))));
save("pod-ready", await waitFor(async () => (await call(api, "GET", pods)).body.items?.find((p: { status?: { conditions?: { type: string; status: string }[] } }) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"))));
// Deliberately not running: a StatefulSet scaled to zero, a paused Deployment.
const zero = "/apis/apps/v1/namespaces/rec/statefulsets/sts";
await apply(api, zero, wl("StatefulSet", "sts", 0, "img:3"));
save("sts-scaled-to-zero", await waitFor(async () => { const o = (await call(api, "GET", zero)).body; return o.status?.observedGeneration === o.metadata.generation && !o.status.readyReplicas ? o : undefined; }));
const paused = "/apis/apps/v1/namespaces/rec/deployments/deploy";
await call(api, "PATCH", paused, { body: { spec: { paused: true } }, contentType: "application/merge-patch+json" });
save("deploy-paused", await waitFor(async () => { const o = (await call(api, "GET", paused)).body; return o.status?.observedGeneration === o.metadata.generation ? o : undefined; }));
await api.stop();
