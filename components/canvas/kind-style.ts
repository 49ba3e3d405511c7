import type { LucideIcon } from "lucide-react";
import {
  BellRing,
  Boxes,
  Cylinder,
  Database,
  FileSearch,
  Flame,
  Inbox,
  LayoutDashboard,
  MemoryStick,
  Route,
  ScrollText,
  Search,
  Shrink,
} from "lucide-react";
import type { ComponentKind, ConnectionKind } from "@/lib/topology/catalog";
import type { Component } from "@/lib/topology/design";

/** Recognisable icon and colour per kind; the palette, nodes, minimap and thumbnails share them. */
export const KIND_STYLE: Record<ComponentKind, { icon: LucideIcon; color: string }> = {
  cluster: { icon: Boxes, color: "#475569" },
  prometheus: { icon: Flame, color: "#e6522c" },
  query: { icon: Search, color: "#6d28d9" },
  queryFrontend: { icon: Route, color: "#a21caf" },
  storeGateway: { icon: Database, color: "#0e7490" },
  compactor: { icon: Shrink, color: "#92400e" },
  ruler: { icon: ScrollText, color: "#4d7c0f" },
  receiver: { icon: Inbox, color: "#1d4ed8" },
  bucketWeb: { icon: FileSearch, color: "#57534e" },
  objectStore: { icon: Cylinder, color: "#0f766e" },
  alertmanager: { icon: BellRing, color: "#be123c" },
  memcached: { icon: MemoryStick, color: "#15803d" },
  grafana: { icon: LayoutDashboard, color: "#c2410c" },
};

/** Edge look per connection kind: colour plus a dash pattern, so kinds differ without relying on colour alone. */
export const EDGE_STYLE: Record<ConnectionKind, { color: string; dash?: string; width: number }> = {
  storeApi: { color: "#6d28d9", width: 2 },
  uploadsTo: { color: "#0f766e", dash: "6 4", width: 1.75 },
  remoteWrite: { color: "#1d4ed8", dash: "10 3", width: 2 },
  downstream: { color: "#a21caf", width: 2 },
  queries: { color: "#b45309", dash: "2 4", width: 2 },
  alerts: { color: "#be123c", dash: "5 3 1 3", width: 1.75 },
  cache: { color: "#15803d", dash: "1 3", width: 2 },
};

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The one-line summary a node shows under its name (and in its accessible name). */
export function componentSummary(c: Component): string {
  const s = c.settings as Record<string, unknown>;
  switch (c.kind) {
    case "prometheus":
      return `${plural(Number(s.shards ?? 1), "shard")} × ${s.replicas ?? 2}`;
    case "cluster":
      return `namespace ${String(s.namespace ?? "monitoring")}`;
    case "objectStore":
      return `${String(s.provider ?? "s3")} · ${String(s.bucket ?? "")}`;
    case "receiver":
      return `${plural(Number(s.replicas ?? 0), "replica")} · RF ${s.replicationFactor ?? 1}`;
    default:
      return typeof s.replicas === "number" ? plural(s.replicas, "replica") : "";
  }
}
