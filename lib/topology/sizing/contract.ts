import type { SizingReport } from "./report";

/** The public contract (`GET /api/designs/:id/sizing` answers the same): plot inputs stay out of it. */
export function sizingContract(r: SizingReport) {
  return {
    components: r.components.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      pods: c.pods,
      estimate: c.estimate,
      configured: {
        cpuCores: c.configured.cpuCores,
        memoryBytes: c.configured.memoryBytes,
        storageBytes: c.configured.storageBytes,
      },
      suggested: c.suggested,
      why: c.why,
      ...(c.notSized ? { notSized: c.notSized } : {}),
      findings: c.findings,
    })),
    bucket: r.bucket.map((b) => ({
      objectStore: b.objectStore,
      name: b.name,
      bytesByResolution: b.bytesByResolution,
      monthlyGrowthBytes: b.monthlyGrowthBytes,
      ...(b.monthlyCost !== undefined ? { monthlyCost: b.monthlyCost } : {}),
      retentionSeconds: b.retentionSeconds,
      ...(b.notSized ? { notSized: b.notSized } : {}),
      ...(b.excludes ? { excludes: b.excludes } : {}),
    })),
  };
}

export type SizingContract = ReturnType<typeof sizingContract>;
