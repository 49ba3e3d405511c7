/** Design builders for lint tests: a healthy sidecar stack with no findings, and small mutations of it. */
import { parseDesign, type Design } from "../design";

type Doc = { name: string; components: any[]; connections: any[] };

export function healthyDoc(): Doc {
  return {
    name: "healthy",
    components: [
      { id: "c1", kind: "cluster", name: "prod", settings: { namespace: "monitoring" } },
      {
        id: "b",
        kind: "objectStore",
        name: "bucket",
        settings: {
          provider: "s3",
          bucket: "thanos",
          endpoint: "minio.minio.svc:9000",
          accessKey: "AKIAEXAMPLE",
          secretKey: "very-secret-value",
        },
      },
      { id: "p", kind: "prometheus", name: "prometheus", cluster: "c1", settings: { shards: 1, replicas: 2 } },
      {
        id: "q",
        kind: "query",
        name: "thanos-query",
        cluster: "c1",
        settings: { replicaLabels: ["prometheus_replica", "rule_replica"] },
      },
      { id: "s", kind: "storeGateway", name: "thanos-store", cluster: "c1" },
      { id: "k", kind: "compactor", name: "thanos-compact", cluster: "c1" },
      { id: "f", kind: "queryFrontend", name: "thanos-query-frontend", cluster: "c1" },
      {
        id: "r",
        kind: "ruler",
        name: "thanos-rule",
        cluster: "c1",
        settings: { ruleGroups: [{ name: "g", rules: [{ alert: "Down", expr: "up == 0" }] }] },
      },
      { id: "am", kind: "alertmanager", name: "alertmanager", cluster: "c1" },
      { id: "g", kind: "grafana", name: "grafana", cluster: "c1" },
    ],
    connections: [
      { id: "e-p-b", kind: "uploadsTo", from: "p", to: "b" },
      { id: "e-s-b", kind: "uploadsTo", from: "s", to: "b" },
      { id: "e-k-b", kind: "uploadsTo", from: "k", to: "b" },
      { id: "e-r-b", kind: "uploadsTo", from: "r", to: "b" },
      { id: "e-q-p", kind: "storeApi", from: "q", to: "p" },
      { id: "e-q-s", kind: "storeApi", from: "q", to: "s" },
      { id: "e-q-r", kind: "storeApi", from: "q", to: "r" },
      { id: "e-f-q", kind: "downstream", from: "f", to: "q" },
      { id: "e-r-q", kind: "queries", from: "r", to: "q" },
      { id: "e-g-f", kind: "queries", from: "g", to: "f" },
      { id: "e-p-am", kind: "alerts", from: "p", to: "am" },
      { id: "e-r-am", kind: "alerts", from: "r", to: "am" },
    ],
  };
}

/** A Doc plus edit helpers; `done()` parses it (throwing on schema errors, so lint tests only see valid designs). */
export class Edit {
  constructor(readonly doc: Doc = healthyDoc()) {}

  comp(id: string): any {
    const c = this.doc.components.find((x) => x.id === id);
    if (!c) throw new Error(`no component ${id}`);
    return c;
  }
  set(id: string, settings: Record<string, unknown>): this {
    const c = this.comp(id);
    c.settings = { ...(c.settings ?? {}), ...settings };
    return this;
  }
  add(c: Record<string, unknown>): this {
    this.doc.components.push(c);
    return this;
  }
  connect(kind: string, from: string, to: string): this {
    this.doc.connections.push({ id: `e-${from}-${to}-${kind}`, kind, from, to });
    return this;
  }
  disconnect(from: string, to: string): this {
    this.doc.connections = this.doc.connections.filter((e) => !(e.from === from && e.to === to));
    return this;
  }
  done(): Design {
    return parseDesign(this.doc);
  }
}

export const edit = () => new Edit();

/** The healthy stack plus a 3-replica receiver that Prometheus "pw" remote-writes to and Query reads. */
export function withReceiver(): Edit {
  return edit()
    .set("q", { replicaLabels: ["prometheus_replica", "rule_replica", "receive_replica"] })
    .add({ id: "rcv", kind: "receiver", name: "thanos-receive", cluster: "c1", settings: { replicas: 3 } })
    .add({
      id: "pw",
      kind: "prometheus",
      name: "prometheus-rw",
      cluster: "c1",
      settings: { thanos: { mode: "remote-write" } },
    })
    .connect("remoteWrite", "pw", "rcv")
    .connect("storeApi", "q", "rcv")
    .connect("uploadsTo", "rcv", "b");
}
