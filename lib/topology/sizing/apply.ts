import type { Design } from "../design";
import type { SizingReport } from "./report";

type Resources = {
  requests: { cpu?: string; memory?: string };
  limits: { cpu?: string; memory?: string };
};

/**
 * The settings *Apply estimates* writes: CPU and memory requests, memory limit and volume size from each sized
 * component's suggestion. CPU limits and storage classes are kept as they are (no CPU limit is suggested:
 * it throttles TSDB compaction). Components without an estimate are left alone.
 */
export function estimatedSettings(design: Design, report: SizingReport): Map<string, Record<string, unknown>> {
  const byId = new Map(design.components.map((c) => [c.id, c]));
  const out = new Map<string, Record<string, unknown>>();
  for (const s of report.components) {
    const c = byId.get(s.id);
    if (!c || !s.suggested) continue;
    const settings = c.settings as Record<string, unknown> & { resources?: Resources; storage?: { size: string } };
    if (!settings.resources) continue;
    const next: Record<string, unknown> = {
      ...settings,
      resources: {
        ...settings.resources,
        requests: { ...settings.resources.requests, cpu: s.suggested.cpu, memory: s.suggested.memoryRequest },
        limits: { ...settings.resources.limits, memory: s.suggested.memoryLimit },
      },
    };
    if (s.suggested.storage && settings.storage) next.storage = { ...settings.storage, size: s.suggested.storage };
    const r = settings.resources;
    const same =
      r.requests.cpu === s.suggested.cpu &&
      r.requests.memory === s.suggested.memoryRequest &&
      r.limits.memory === s.suggested.memoryLimit &&
      (!s.suggested.storage || settings.storage?.size === s.suggested.storage);
    if (!same) out.set(c.id, next);
  }
  return out;
}
