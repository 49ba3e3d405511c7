// Registered clusters. GET (editor: needed to bind a design's cluster node) lists name, server URL,
// context and user name only. POST (admin) registers a kubeconfig context or "in-cluster"; the
// kubeconfig is validated and its credentials tried on the API server before anything is stored (400 on
// `kubeconfig` when the server refuses them; stored with a `warning` when it cannot be reached), sealed,
// and never returned.
import { audit } from "@/server/audit/log";
import { clientAddress, json, route } from "@/server/http/route";
import { listClusters, MAX_KUBECONFIG_BYTES, registerCluster, RegisterClusterBody } from "@/server/clusters/service";

export const GET = route({ role: "editor" }, async () => ({ clusters: await listClusters() }));

export const POST = route(
  { role: "admin", body: RegisterClusterBody, maxBodyBytes: MAX_KUBECONFIG_BYTES + 4096 },
  async ({ req, actor, body }) => {
    const cluster = await registerCluster(actor!, body);
    await audit({
      action: "cluster.registered",
      actor: actor!.user,
      address: clientAddress(req),
      target: `cluster:${cluster.id}`,
      details: {
        name: cluster.name,
        server: cluster.server,
        inCluster: cluster.inCluster,
        production: cluster.production,
        ...(cluster.warning ? { warning: cluster.warning } : {}),
      },
    });
    return json(cluster, { status: 201 });
  },
);
