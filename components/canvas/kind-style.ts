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

/**
 * Edge look per connection kind: colour plus a dash pattern, so kinds differ without relying on colour alone.
 * `color` is the light theme's (thumbnails, SVG attributes); `stroke` follows the theme: canvas.css sets
 * `--tc-edge-<kind>` per theme (no space after the comma: React Flow puts the colour in marker ids), so edges are as readable on the dark canvas as on the light one.
 */
export const EDGE_STYLE: Record<ConnectionKind, { color: string; stroke: string; dash?: string; width: number }> = {
  storeApi: edgeStyle("storeApi", "#6d28d9", 2),
  uploadsTo: edgeStyle("uploadsTo", "#0f766e", 1.75, "6 4"),
  remoteWrite: edgeStyle("remoteWrite", "#1d4ed8", 2, "10 3"),
  downstream: edgeStyle("downstream", "#a21caf", 2),
  queries: edgeStyle("queries", "#b45309", 2, "2 4"),
  alerts: edgeStyle("alerts", "#be123c", 1.75, "5 3 1 3"),
  cache: edgeStyle("cache", "#15803d", 2, "1 3"),
};

function edgeStyle(kind: ConnectionKind, color: string, width: number, dash?: string) {
  return { color, stroke: `var(--tc-edge-${kind},${color})`, width, ...(dash ? { dash } : {}) };
}

/** A connection with a lint error (or an illegal one being drawn), in the theme's red. */
export const EDGE_ERROR = { color: "#dc2626", stroke: "var(--tc-edge-error,#dc2626)" };

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
