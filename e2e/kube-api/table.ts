// meta.k8s.io/v1 Table responses: what `kubectl get` asks for (Accept: ...;as=Table) and prints.
import type { Obj } from "./fields";
import type { ResourceType } from "./resources";
import { meta } from "./store";

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}
const col = (name: string, type = "string", format = "", priority = 0): Column => ({
  name,
  type,
  format,
  description: name,
  priority,
});

/** kubectl's HumanDuration, reduced: 45s, 3m12s, 5h, 2d. */
export function age(ts: string | undefined, now = Date.now()): string {
  if (!ts) return "<unknown>";
  const s = Math.max(0, Math.floor((now - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

const st = (o: Obj) => (o.status as Obj | undefined) ?? {};
const sp = (o: Obj) => (o.spec as Obj | undefined) ?? {};
const num = (v: unknown) => (typeof v === "number" ? v : 0);

function columnsFor(rt: ResourceType): { columns: Column[]; cells: (o: Obj) => unknown[] } {
  const name = col("Name", "string", "name");
  const ageCol = col("Age");
  const created = (o: Obj) => age(meta(o).creationTimestamp);
  switch (rt.kind) {
    case "Pod":
      return {
        columns: [
          name,
          col("Ready"),
          col("Status"),
          col("Restarts", "string"),
          ageCol,
          col("IP", "string", "", 1),
          col("Node", "string", "", 1),
        ],
        cells: (o) => {
          const cs = (st(o).containerStatuses as { ready: boolean }[] | undefined) ?? [];
          const total = ((sp(o).containers as unknown[]) ?? []).length;
          return [
            meta(o).name,
            `${cs.filter((c) => c.ready).length}/${total}`,
            st(o).phase ?? "Pending",
            "0",
            created(o),
            st(o).podIP ?? "<none>",
            sp(o).nodeName ?? "<none>",
          ];
        },
      };
    case "StatefulSet":
      return {
        columns: [name, col("Ready"), ageCol],
        cells: (o) => [meta(o).name, `${num(st(o).readyReplicas)}/${num(sp(o).replicas ?? 1)}`, created(o)],
      };
    case "Deployment":
      return {
        columns: [name, col("Ready"), col("Up-to-date", "integer"), col("Available", "integer"), ageCol],
        cells: (o) => [
          meta(o).name,
          `${num(st(o).readyReplicas)}/${num(sp(o).replicas ?? 1)}`,
          num(st(o).updatedReplicas),
          num(st(o).availableReplicas),
          created(o),
        ],
      };
    case "Service": {
      const ports = (o: Obj) =>
        ((sp(o).ports as { port: number; protocol?: string }[] | undefined) ?? [])
          .map((p) => `${p.port}/${p.protocol ?? "TCP"}`)
          .join(",") || "<none>";
      return {
        columns: [name, col("Type"), col("Cluster-IP"), col("External-IP"), col("Port(s)"), ageCol],
        cells: (o) => [
          meta(o).name,
          sp(o).type ?? "ClusterIP",
          sp(o).clusterIP ?? "<none>",
          "<none>",
          ports(o),
          created(o),
        ],
      };
    }
    case "Namespace":
      return {
        columns: [name, col("Status"), ageCol],
        cells: (o) => [meta(o).name, st(o).phase ?? "Active", created(o)],
      };
    case "ConfigMap":
      return {
        columns: [name, col("Data", "integer"), ageCol],
        cells: (o) => [
          meta(o).name,
          Object.keys((o.data as Obj) ?? {}).length + Object.keys((o.binaryData as Obj) ?? {}).length,
          created(o),
        ],
      };
    case "Secret":
      return {
        columns: [name, col("Type"), col("Data", "integer"), ageCol],
        cells: (o) => [
          meta(o).name,
          o.type ?? "Opaque",
          Object.keys({ ...((o.data as Obj) ?? {}), ...((o.stringData as Obj) ?? {}) }).length,
          created(o),
        ],
      };
    default:
      return { columns: [name, col("Created At", "date")], cells: (o) => [meta(o).name, meta(o).creationTimestamp] };
  }
}

export function toTable(rt: ResourceType, objects: Obj[], resourceVersion: string, includeObject: string): Obj {
  const { columns, cells } = columnsFor(rt);
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: columns,
    rows: objects.map((o) => ({
      cells: cells(o),
      object:
        includeObject === "Object"
          ? o
          : includeObject === "None"
            ? undefined
            : { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata },
    })),
  };
}
