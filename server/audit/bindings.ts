// Cluster bindings live inside the design (a cluster node's `registeredClusterId`), so a save is where a
// binding is made, changed or removed: each such change is one audit entry.
import type { Design } from "@/lib/topology";
import { audit, type AuditActor } from "./log";

function bindings(design: Design | undefined): Map<string, { name: string; cluster?: string }> {
  const out = new Map<string, { name: string; cluster?: string }>();
  for (const c of design?.components ?? [])
    if (c.kind === "cluster")
      out.set(c.id, { name: c.name, cluster: (c.settings as { registeredClusterId?: string }).registeredClusterId });
  return out;
}

export async function auditBindingChanges(
  actor: AuditActor,
  designId: string,
  revision: number,
  previous: Design | undefined,
  next: Design,
): Promise<void> {
  const before = bindings(previous);
  for (const [id, now] of bindings(next)) {
    const was = before.get(id)?.cluster;
    if (was === now.cluster) continue;
    await audit({
      action: "cluster.bound",
      actor,
      target: `design:${designId}`,
      details: { revision, clusterNode: now.name, from: was ?? null, to: now.cluster ?? null },
    });
  }
}
