import { sizeDesign, type SizingFindingId } from "../../sizing/report";
import type { LintRule, Severity } from "../types";

/** Each capacity-planner finding kind is one lint rule; the planner (lib/topology/sizing) does the arithmetic. */
const fromPlanner = (id: SizingFindingId, severity: Severity, title: string): LintRule => ({
  id,
  severity,
  title,
  check(_g, design) {
    return sizeDesign(design).components.flatMap((c) =>
      c.findings.filter((f) => f.id === id).map((f) => ({ componentId: c.id, message: f.message, hint: f.hint })),
    );
  },
});

export const SIZING_RULES: LintRule[] = [
  fromPlanner(
    "sizing-memory-limit",
    "warning",
    "A memory limit below the declared load's estimate gets the pod OOM-killed",
  ),
  fromPlanner("sizing-volume", "warning", "A volume too small for the retention fills up and stops ingestion"),
  fromPlanner("sizing-compactor-disk", "warning", "A compactor disk below its largest compaction halts compaction"),
  fromPlanner("sizing-store-index-cache", "info", "A large bucket served without a shared index cache"),
  fromPlanner("sizing-shard-series", "warning", "One Prometheus shard carries more series than one Prometheus should"),
  fromPlanner("sizing-receiver-ingesters", "warning", "Receiver ingesters hold more series than one TSDB head should"),
  fromPlanner("sizing-receiver-replication", "info", "A receiver replication factor that buys no failure tolerance"),
];
