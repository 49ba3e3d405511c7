import type { ComponentKind, ConnectionKind } from "../catalog";

/** What became of one input object. Secret values never appear here: only kinds and names. */
export interface ReportObject {
  cluster: string;
  kind: string;
  namespace?: string;
  name: string;
  status: "mapped" | "not-understood";
  /** The component it was mapped to (name and id), for mapped objects. */
  component?: string;
  componentId?: string;
  /** Why it was not understood. */
  reason?: string;
}

/** Something the import changed, dropped or could not read, attached to a component when it concerns one. */
export interface ReportNote {
  cluster?: string;
  component?: string;
  message: string;
}

export interface ImportReport {
  components: { id: string; name: string; kind: ComponentKind; cluster?: string }[];
  connections: { kind: ConnectionKind; from: string; to: string }[];
  objects: ReportObject[];
  notes: ReportNote[];
  summary: { objects: number; mapped: number; notUnderstood: number; components: number; connections: number };
}
