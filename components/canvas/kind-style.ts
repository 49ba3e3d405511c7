import type { LucideIcon } from "lucide-react";
import {
  BellRing,
  Box,
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
import { KINDS, withKindDefaults, type ComponentKind, type ConnectionKind } from "@/lib/topology/catalog";
import type { Component } from "@/lib/topology/design";

/** Icons by the name a kind declares (`defineKind({ icon })`); a kind with a new icon adds one line here. */
export const ICONS: Readonly<Record<string, LucideIcon>> = {
  boxes: Boxes,
  flame: Flame,
  search: Search,
  route: Route,
  database: Database,
  shrink: Shrink,
  "scroll-text": ScrollText,
  inbox: Inbox,
  "file-search": FileSearch,
  cylinder: Cylinder,
  "bell-ring": BellRing,
  "memory-stick": MemoryStick,
  "layout-dashboard": LayoutDashboard,
};

/** Colour per kind; a kind missing here does not compile. */
const KIND_COLORS: Record<ComponentKind, string> = {
  cluster: "#475569",
  prometheus: "#e6522c",
  query: "#6d28d9",
  queryFrontend: "#a21caf",
  storeGateway: "#0e7490",
  compactor: "#92400e",
  ruler: "#4d7c0f",
  receiver: "#1d4ed8",
  bucketWeb: "#57534e",
  objectStore: "#0f766e",
  alertmanager: "#be123c",
  memcached: "#15803d",
  grafana: "#c2410c",
};

const styleOf = (k: ComponentKind) => ({ icon: ICONS[KINDS[k].icon] ?? Box, color: KIND_COLORS[k] });

/** Recognisable icon and colour per kind; the palette, nodes, minimap and thumbnails share them. */
export const KIND_STYLE: Record<ComponentKind, { icon: LucideIcon; color: string }> = Object.fromEntries(
  Object.keys(KIND_COLORS).map((k) => [k, styleOf(k as ComponentKind)]),
) as Record<ComponentKind, { icon: LucideIcon; color: string }>;

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
  // Settings mid-edit may lack a field; show the schema's default, which is what the document will hold.
  const s = withKindDefaults(c.kind, c.settings);
  switch (c.kind) {
    case "prometheus":
      return `${plural(Number(s.shards), "shard")} × ${s.replicas}`;
    case "cluster":
      return `namespace ${String(s.namespace)}`;
    case "objectStore":
      return `${String(s.provider)} · ${String(s.bucket)}`;
    case "receiver":
      return `${plural(Number(s.replicas), "replica")} · RF ${s.replicationFactor}`;
    default:
      return typeof s.replicas === "number" ? plural(s.replicas, "replica") : "";
  }
}
