import { describe, expect, it } from "vitest";
import type { Design } from "../design";
import { LINT_RULES, lintDesign, type Finding } from "../lint";
import { edit, withReceiver } from "./lint-fixtures";
import { WORKLOAD_CASES } from "./lint-workload-cases";
import { SIZING_CASES } from "./lint-sizing-cases";

const ofRule = (d: Design, rule: string): Finding[] => lintDesign(d).filter((f) => f.rule === rule);

interface Case {
  rule: string;
  /** Designs that must raise the rule; the named component must be the one the finding concerns. */
  triggers: { why: string; design: () => Design; componentId?: string; mentions: string[] }[];
  /** Near misses that must not raise it. */
  clean: { why: string; design: () => Design }[];
}

const rx = "thanos-receive.monitoring.svc.cluster.local:10901";

/** A second compactor on an object-store node with these settings. */
const secondCompactorOn = (bucket: Record<string, unknown>) =>
  edit()
    .add({ id: "b2", kind: "objectStore", name: "bucket-two", settings: bucket })
    .add({ id: "k2", kind: "compactor", name: "compact-two", cluster: "c1" })
    .connect("uploadsTo", "k2", "b2")
    .done();

/** A second cluster whose query reads the first cluster's query. */
const globalQuery = () =>
  edit()
    .add({ id: "c2", kind: "cluster", name: "global", settings: { namespace: "thanos" } })
    .add({ id: "gq", kind: "query", name: "global-query", cluster: "c2" })
    .connect("storeApi", "gq", "q");

/** The healthy stack naming these releases. */
const naming = (versions: Record<string, string>) => {
  const e = edit();
  Object.assign(e.doc, { versions });
  return e.done();
};
/** The healthy stack with one more rule in the Ruler's group. */
const withRuleExpr = (expr: string) =>
  edit()
    .set("r", {
      ruleGroups: [
        {
          name: "g",
          rules: [
            { alert: "Down", expr: "up == 0" },
            { record: "job:up:sum", expr },
          ],
        },
      ],
    })
    .done();

const CASES: Case[] = [
  {
    rule: "version-unsupported",
    triggers: [
      {
        why: "Thanos older than the lists",
        design: () => naming({ thanos: "v0.20.0" }),
        mentions: ["v0.20.0", "v0.24 – v0.42"],
      },
      {
        why: "Thanos newer than the lists",
        design: () => naming({ thanos: "v0.99.0" }),
        mentions: ["v0.99.0", "v0.24 – v0.42"],
      },
      {
        why: "Prometheus 2.x before the LTS",
        design: () => naming({ prometheus: "v2.45.0" }),
        mentions: ["v2.53, v3.0 – v3.14"],
      },
      { why: "Alertmanager 0.25", design: () => naming({ alertmanager: "v0.25.0" }), mentions: ["v0.27 – v0.34"] },
    ],
    clean: [
      { why: "the defaults", design: () => edit().done() },
      { why: "seed 05's Thanos and the 2.53 LTS", design: () => naming({ thanos: "v0.24.0", prometheus: "v2.53.5" }) },
    ],
  },
  {
    rule: "version-unknown-patch",
    triggers: [
      { why: "a patch the lists do not know", design: () => naming({ thanos: "v0.42.9" }), mentions: ["v0.42.4"] },
      { why: "a pre-release", design: () => naming({ prometheus: "v3.14.0-rc.0" }), mentions: ["v3.14.0"] },
    ],
    clean: [{ why: "an older patch of a supported minor", design: () => naming({ thanos: "v0.42.1" }) }],
  },
  {
    rule: "promql-syntax",
    triggers: [
      {
        why: "an unclosed bracket",
        design: () => withRuleExpr("sum(rate(x[5m])"),
        componentId: "r",
        mentions: ["column 16"],
      },
      { why: "an unknown function", design: () => withRuleExpr("rat(x[5m])"), componentId: "r", mentions: ['"rat"'] },
    ],
    clean: [
      {
        why: "aggregations, offsets, subqueries",
        design: () => withRuleExpr("max_over_time(sum by (job) (up offset 5m)[1h:5m])"),
      },
    ],
  },
  {
    rule: "compactor-singleton",
    triggers: [
      {
        why: "two replicas",
        design: () => edit().set("k", { replicas: 2 }).done(),
        componentId: "k",
        mentions: ["thanos-compact", "2 replicas", "corrupt"],
      },
      {
        why: "two compactors on one bucket (two object-store nodes naming the same bucket)",
        design: () =>
          secondCompactorOn({
            provider: "s3",
            bucket: "thanos",
            endpoint: "MINIO.minio.svc:9000",
            accessKey: "a",
            secretKey: "b",
          }),
        componentId: "k2",
        mentions: ["thanos-compact", "compact-two", "corrupt"],
      },
    ],
    clean: [
      {
        why: "a second compactor on another bucket",
        design: () => secondCompactorOn({ provider: "s3", bucket: "other", endpoint: "minio.minio.svc:9000" }),
      },
    ],
  },
  {
    rule: "no-object-store",
    triggers: [
      {
        why: "store gateway without bucket",
        design: () => edit().disconnect("s", "b").done(),
        componentId: "s",
        mentions: ["thanos-store", "objstore"],
      },
      {
        why: "bucket web without bucket",
        design: () => edit().add({ id: "bw", kind: "bucketWeb", name: "bucket-web", cluster: "c1" }).done(),
        componentId: "bw",
        mentions: ["bucket-web"],
      },
    ],
    clean: [
      {
        why: "bucket web with a bucket",
        design: () =>
          edit()
            .add({ id: "bw", kind: "bucketWeb", name: "bucket-web", cluster: "c1" })
            .connect("uploadsTo", "bw", "b")
            .done(),
      },
    ],
  },
  {
    rule: "multiple-object-stores",
    triggers: [
      {
        why: "store gateway on two buckets",
        design: () =>
          edit()
            .add({ id: "b2", kind: "objectStore", name: "other", settings: { endpoint: "x:9000" } })
            .connect("uploadsTo", "s", "b2")
            .done(),
        componentId: "s",
        mentions: ["thanos-store", "2 object stores"],
      },
    ],
    clean: [{ why: "one bucket each", design: () => edit().done() }],
  },
  {
    rule: "upload-unread",
    triggers: [
      {
        why: "ruler uploads to a bucket no store gateway reads",
        design: () =>
          edit()
            .add({
              id: "b2",
              kind: "objectStore",
              name: "rules-bucket",
              settings: { bucket: "rules", endpoint: "x:9000" },
            })
            .disconnect("r", "b")
            .connect("uploadsTo", "r", "b2")
            .done(),
        componentId: "r",
        mentions: ["thanos-rule", "rules", "unreachable"],
      },
    ],
    clean: [
      {
        why: "the store reads an equivalent object-store node",
        design: () =>
          edit()
            .add({
              id: "b2",
              kind: "objectStore",
              name: "alias",
              settings: { provider: "s3", bucket: "thanos", endpoint: "minio.minio.svc:9000" },
            })
            .disconnect("r", "b")
            .connect("uploadsTo", "r", "b2")
            .done(),
      },
    ],
  },
  {
    rule: "store-gateway-not-queried",
    triggers: [
      {
        why: "no query reads it",
        design: () => edit().disconnect("q", "s").done(),
        componentId: "s",
        mentions: ["thanos-store", "invisible"],
      },
    ],
    clean: [{ why: "query reads it", design: () => edit().done() }],
  },
  {
    rule: "compactor-retention-order",
    triggers: [
      {
        why: "raw kept longer than 5m",
        design: () => edit().set("k", { retentionRaw: "1y", retention5m: "90d" }).done(),
        componentId: "k",
        mentions: ["thanos-compact", "1y", "90d"],
      },
      {
        why: "raw deleted before downsampling",
        design: () => edit().set("k", { retentionRaw: "1d" }).done(),
        componentId: "k",
        mentions: ["40h"],
      },
    ],
    clean: [
      {
        why: "short raw retention with downsampling off",
        design: () => edit().set("k", { retentionRaw: "1d", downsampling: false }).done(),
      },
      { why: "0d (forever) on the coarsest resolution", design: () => edit().set("k", { retention1h: "0d" }).done() },
    ],
  },
  {
    rule: "object-store-config",
    triggers: [
      {
        why: "s3 without endpoint",
        design: () => edit().set("b", { endpoint: undefined }).done(),
        componentId: "b",
        mentions: ["bucket", "endpoint"],
      },
      {
        why: "cos without appId",
        design: () => edit().set("b", { provider: "cos", endpoint: undefined, region: "ap-guangzhou" }).done(),
        componentId: "b",
        mentions: ["appId"],
      },
      {
        why: "oss without endpoint",
        design: () => edit().set("b", { provider: "oss", endpoint: undefined }).done(),
        componentId: "b",
        mentions: ["endpoint"],
      },
      {
        why: "azure without storage account",
        design: () => edit().set("b", { provider: "azure", endpoint: undefined }).done(),
        componentId: "b",
        mentions: ["storageAccount"],
      },
      {
        why: "filesystem without directory",
        design: () => edit().set("b", { provider: "filesystem" }).done(),
        componentId: "b",
        mentions: ["directory"],
      },
    ],
    clean: [
      {
        why: "complete cos",
        design: () =>
          edit().set("b", { provider: "cos", endpoint: undefined, region: "ap-guangzhou", appId: "1250000000" }).done(),
      },
      {
        why: "gcs needs only a bucket",
        design: () =>
          edit().set("b", { provider: "gcs", endpoint: undefined, accessKey: undefined, secretKey: undefined }).done(),
      },
    ],
  },
  {
    rule: "object-store-credentials",
    triggers: [
      {
        why: "s3 with an access key but no secret key",
        design: () => edit().set("b", { secretKey: undefined }).done(),
        componentId: "b",
        mentions: ["secretKey"],
      },
      {
        why: "oss without keys",
        design: () => edit().set("b", { provider: "oss", accessKey: undefined, secretKey: undefined }).done(),
        componentId: "b",
        mentions: ["accessKey", "secretKey"],
      },
      {
        why: "cos without secret_id",
        design: () =>
          edit()
            .set("b", { provider: "cos", region: "ap-guangzhou", appId: "1250000000", accessKey: undefined })
            .done(),
        componentId: "b",
        mentions: ["secret_id"],
      },
    ],
    clean: [
      {
        why: "s3 without keys (IAM role)",
        design: () => edit().set("b", { accessKey: undefined, secretKey: undefined }).done(),
      },
      {
        why: "masked keys count as set",
        design: () => edit().set("b", { provider: "oss", accessKey: "********", secretKey: "********" }).done(),
      },
    ],
  },
  {
    rule: "object-store-keys-missing",
    triggers: [
      {
        why: "s3 without keys, its cluster bound to a registered cluster",
        design: () =>
          edit()
            .set("b", { accessKey: undefined, secretKey: undefined })
            .set("c1", { registeredClusterId: "reg1" })
            .done(),
        componentId: "b",
        mentions: ["accessKey", '"prod"', "bound for deploy"],
      },
      {
        why: "gcs without a service account, bound",
        design: () =>
          edit()
            .set("b", { provider: "gcs", endpoint: undefined, accessKey: undefined, secretKey: undefined })
            .set("c1", { registeredClusterId: "reg1" })
            .done(),
        componentId: "b",
        mentions: ["serviceAccount"],
      },
    ],
    clean: [
      {
        why: "s3 without keys in a design not bound to any registered cluster (templates)",
        design: () => edit().set("b", { accessKey: undefined, secretKey: undefined }).done(),
      },
      {
        why: "bound, with masked keys",
        design: () =>
          edit()
            .set("b", { accessKey: "********", secretKey: "********" })
            .set("c1", { registeredClusterId: "reg1" })
            .done(),
      },
      {
        why: "bound filesystem bucket needs no keys",
        design: () =>
          edit()
            .set("b", { provider: "filesystem", directory: "/data", accessKey: undefined, secretKey: undefined })
            .set("c1", { registeredClusterId: "reg1" })
            .done(),
      },
    ],
  },
  {
    rule: "filesystem-bucket-shared",
    triggers: [
      {
        why: "filesystem bucket used by the whole stack",
        design: () => edit().set("b", { provider: "filesystem", directory: "/data" }).done(),
        componentId: "b",
        mentions: ["bucket", "filesystem"],
      },
    ],
    clean: [{ why: "s3", design: () => edit().done() }],
  },
  {
    rule: "hashmod-shards",
    triggers: [
      {
        why: "modulus below the shard count",
        design: () =>
          edit()
            .set("p", { shards: 3, hashmod: { modulus: 2 } })
            .done(),
        componentId: "p",
        mentions: ["prometheus", "modulo 2", "3 shards"],
      },
      {
        why: "modulus above the shard count",
        design: () =>
          edit()
            .set("p", { shards: 3, hashmod: { modulus: 4 } })
            .done(),
        componentId: "p",
        mentions: ["scraped by no shard"],
      },
      {
        why: "keep rule off",
        design: () =>
          edit()
            .set("p", { shards: 2, hashmod: { keepRule: false } })
            .done(),
        componentId: "p",
        mentions: ["every shard scrapes every target"],
      },
    ],
    clean: [
      {
        why: "modulus = shards",
        design: () =>
          edit()
            .set("p", { shards: 3, hashmod: { modulus: 3 } })
            .done(),
      },
      {
        why: "keep rule off on a single shard",
        design: () =>
          edit()
            .set("p", { shards: 1, hashmod: { keepRule: false } })
            .done(),
      },
      {
        why: "functional sharding ignores hashmod",
        design: () =>
          edit()
            .set("p", {
              shards: 2,
              sharding: "functional",
              hashmod: { modulus: 5 },
              scrapeJobs: [
                { name: "a", shard: 0 },
                { name: "b", shard: 1 },
              ],
            })
            .done(),
      },
    ],
  },
  {
    rule: "functional-shard-range",
    triggers: [
      {
        why: "job on shard 5 of 2",
        design: () =>
          edit()
            .set("p", {
              shards: 2,
              sharding: "functional",
              scrapeJobs: [
                { name: "a", shard: 0 },
                { name: "b", shard: 5 },
              ],
            })
            .done(),
        componentId: "p",
        mentions: ['"b"', "shard 5", "0..1"],
      },
    ],
    clean: [
      {
        why: "jobs on 0 and 1",
        design: () =>
          edit()
            .set("p", {
              shards: 2,
              sharding: "functional",
              scrapeJobs: [
                { name: "a", shard: 0 },
                { name: "b", shard: 1 },
              ],
            })
            .done(),
      },
    ],
  },
  {
    rule: "functional-shard-unassigned",
    triggers: [
      {
        why: "a job without shard",
        design: () => edit().set("p", { shards: 2, sharding: "functional" }).done(),
        componentId: "p",
        mentions: ['"kubernetes-pods"'],
      },
      {
        why: "an idle shard",
        design: () =>
          edit()
            .set("p", {
              shards: 3,
              sharding: "functional",
              scrapeJobs: [
                { name: "a", shard: 0 },
                { name: "b", shard: 1 },
              ],
            })
            .done(),
        componentId: "p",
        mentions: ["shard 2", "idle"],
      },
    ],
    clean: [
      {
        why: "every job and shard assigned",
        design: () =>
          edit()
            .set("p", {
              shards: 2,
              sharding: "functional",
              scrapeJobs: [
                { name: "a", shard: 0 },
                { name: "b", shard: 1 },
              ],
            })
            .done(),
      },
    ],
  },
  {
    rule: "sidecar-block-duration",
    triggers: [
      {
        why: "1h blocks (the operator blockSize in doc 04)",
        design: () =>
          edit()
            .set("p", { thanos: { minBlockDuration: "1h", maxBlockDuration: "1h" } })
            .done(),
        componentId: "p",
        mentions: ["prometheus", "1h"],
      },
      {
        why: "max 1d",
        design: () =>
          edit()
            .set("p", { thanos: { maxBlockDuration: "1d" } })
            .done(),
        componentId: "p",
        mentions: ["1d"],
      },
    ],
    clean: [
      {
        why: "120m equals 2h",
        design: () =>
          edit()
            .set("p", { thanos: { minBlockDuration: "120m", maxBlockDuration: "2h" } })
            .done(),
      },
      {
        why: "remote-write mode is not a sidecar",
        design: () =>
          withReceiver()
            .set("pw", { thanos: { mode: "remote-write", maxBlockDuration: "1d" } })
            .done(),
      },
    ],
  },
  {
    rule: "sidecar-no-upload",
    triggers: [
      {
        why: "no bucket",
        design: () => edit().disconnect("p", "b").done(),
        componentId: "p",
        mentions: ["prometheus", "2d retention"],
      },
    ],
    clean: [
      {
        why: "mode none needs no bucket",
        design: () =>
          edit()
            .disconnect("p", "b")
            .disconnect("q", "p")
            .set("p", { thanos: { mode: "none" } })
            .done(),
      },
    ],
  },
  {
    rule: "remote-write-missing",
    triggers: [
      {
        why: "remote-write with no receiver",
        design: () => withReceiver().disconnect("pw", "rcv").done(),
        componentId: "pw",
        mentions: ["prometheus-rw", "no receiver"],
      },
    ],
    clean: [{ why: "connected", design: () => withReceiver().done() }],
  },
  {
    rule: "remote-write-not-enabled",
    triggers: [
      {
        why: "sidecar with a remoteWrite edge",
        design: () => withReceiver().connect("remoteWrite", "p", "rcv").done(),
        componentId: "p",
        mentions: ["prometheus", "sidecar mode", "thanos-receive"],
      },
    ],
    clean: [{ why: "remote-write mode", design: () => withReceiver().done() }],
  },
  {
    rule: "storeapi-without-sidecar",
    triggers: [
      {
        why: "query reads a remote-write Prometheus",
        design: () => withReceiver().connect("storeApi", "q", "pw").done(),
        componentId: "q",
        mentions: ["thanos-query", "prometheus-rw", "gRPC"],
      },
    ],
    clean: [{ why: "query reads the sidecar", design: () => edit().done() }],
  },
  {
    rule: "prometheus-alert-label-drop",
    triggers: [
      {
        why: "alerts edge",
        design: () => edit().set("p", { alertLabelDrop: false }).done(),
        componentId: "p",
        mentions: ["prometheus", "prometheus_replica", "2 times"],
      },
      {
        why: "alerting rules",
        design: () =>
          edit()
            .disconnect("p", "am")
            .set("p", { alertLabelDrop: false, ruleGroups: [{ name: "g", rules: [{ alert: "X", expr: "up == 0" }] }] })
            .done(),
        componentId: "p",
        mentions: ["prometheus_replica"],
      },
    ],
    clean: [
      { why: "label dropped", design: () => edit().done() },
      {
        why: "no alerts at all",
        design: () => edit().disconnect("p", "am").set("p", { alertLabelDrop: false }).done(),
      },
    ],
  },
  {
    rule: "alerts-nowhere",
    triggers: [
      {
        why: "ruler alert rules without Alertmanager",
        design: () => edit().disconnect("r", "am").done(),
        componentId: "r",
        mentions: ["thanos-rule", "notify no one"],
      },
    ],
    clean: [
      {
        why: "recording rules only",
        design: () =>
          edit()
            .disconnect("r", "am")
            .set("r", { ruleGroups: [{ name: "g", rules: [{ record: "job:up:sum", expr: "sum(up)" }] }] })
            .done(),
      },
    ],
  },
  {
    rule: "query-replica-labels",
    triggers: [
      {
        why: "ruler replica label missing",
        design: () =>
          edit()
            .set("q", { replicaLabels: ["prometheus_replica"] })
            .done(),
        componentId: "q",
        mentions: ["thanos-query", '"rule_replica"', "thanos-rule"],
      },
      {
        why: "store gateway serves blocks uploaded by replicated sidecars",
        design: () => edit().disconnect("q", "p").disconnect("q", "r").set("q", { replicaLabels: [] }).done(),
        componentId: "q",
        mentions: ['"prometheus_replica"', 'Prometheus "prometheus"'],
      },
      {
        why: "receiver replication without receive_replica",
        design: () =>
          withReceiver()
            .set("rcv", { replicationFactor: 3 })
            .set("q", { replicaLabels: ["prometheus_replica", "rule_replica"] })
            .done(),
        componentId: "q",
        mentions: ['"receive_replica"', "thanos-receive"],
      },
      {
        why: "replicated Prometheus remote-writing into a receiver (its external replica label travels with the samples)",
        design: () =>
          withReceiver()
            .set("pw", { replicas: 2 })
            .set("q", { replicaLabels: ["rule_replica", "receive_replica"] })
            .disconnect("q", "p")
            .done(),
        componentId: "q",
        mentions: ['"prometheus_replica"', 'Prometheus "prometheus-rw"'],
      },
      {
        why: "a router forwards a replicated Prometheus into an ingestor the query reads",
        design: () =>
          withReceiver()
            .set("pw", { replicas: 2, replicaLabel: "scraper" })
            .add({
              id: "ing",
              kind: "receiver",
              name: "receive-ingest",
              cluster: "c1",
              settings: { role: "ingestor", replicas: 2 },
            })
            .set("rcv", {
              role: "router",
              hashrings: [
                {
                  name: "default",
                  endpoints: [0, 1].map((i) => `receive-ingest-${i}.receive-ingest.monitoring.svc.cluster.local:10901`),
                },
              ],
            })
            .disconnect("q", "rcv")
            .disconnect("rcv", "b")
            .connect("storeApi", "q", "ing")
            .connect("uploadsTo", "ing", "b")
            .done(),
        componentId: "q",
        mentions: ['"scraper"', "prometheus-rw"],
      },
      {
        why: "nested query passes its stores' labels up",
        design: () =>
          edit()
            .add({
              id: "gq",
              kind: "query",
              name: "global-query",
              cluster: "c1",
              settings: { replicaLabels: ["rule_replica"] },
            })
            .connect("storeApi", "gq", "q")
            .done(),
        componentId: "gq",
        mentions: ["global-query", '"prometheus_replica"'],
      },
    ],
    clean: [
      { why: "all labels listed", design: () => edit().done() },
      {
        why: "single-replica ruler produces no duplicates",
        design: () =>
          edit()
            .set("r", { replicas: 1 })
            .set("q", { replicaLabels: ["prometheus_replica"] })
            .done(),
      },
    ],
  },
  {
    rule: "query-unused-replica-labels",
    triggers: [
      {
        why: "a typo",
        design: () =>
          edit()
            .set("q", { replicaLabels: ["prometheus_replica", "rule_replica", "replcia"] })
            .done(),
        componentId: "q",
        mentions: ['"replcia"'],
      },
    ],
    clean: [
      { why: "exact labels", design: () => edit().done() },
      {
        why: "external endpoints may attach anything",
        design: () =>
          edit()
            .set("q", {
              replicaLabels: ["prometheus_replica", "rule_replica", "replica"],
              extraEndpoints: ["other:10901"],
            })
            .done(),
      },
    ],
  },
  {
    rule: "query-no-stores",
    triggers: [
      {
        why: "empty query",
        design: () => edit().add({ id: "q2", kind: "query", name: "lonely-query", cluster: "c1" }).done(),
        componentId: "q2",
        mentions: ["lonely-query", "empty"],
      },
    ],
    clean: [
      {
        why: "extra endpoints only",
        design: () =>
          edit()
            .add({
              id: "q2",
              kind: "query",
              name: "lonely-query",
              cluster: "c1",
              settings: { extraEndpoints: ["thanos-sidecar.example:10901"] },
            })
            .done(),
      },
    ],
  },
  {
    rule: "query-frontend-downstream",
    triggers: [
      {
        why: "no downstream",
        design: () => edit().disconnect("f", "q").done(),
        componentId: "f",
        mentions: ["thanos-query-frontend", "no downstream"],
      },
      {
        why: "two downstreams",
        design: () =>
          edit()
            .add({
              id: "q2",
              kind: "query",
              name: "query-two",
              cluster: "c1",
              settings: { replicaLabels: ["prometheus_replica"] },
            })
            .connect("storeApi", "q2", "p")
            .connect("downstream", "f", "q2")
            .done(),
        componentId: "f",
        mentions: ["2 downstream"],
      },
    ],
    clean: [{ why: "one downstream", design: () => edit().done() }],
  },
  {
    rule: "grafana-bypasses-frontend",
    triggers: [
      {
        why: "grafana on query",
        design: () => edit().disconnect("g", "f").connect("queries", "g", "q").done(),
        componentId: "g",
        mentions: ["grafana", "thanos-query", "thanos-query-frontend"],
      },
    ],
    clean: [
      { why: "grafana on the frontend", design: () => edit().done() },
      {
        why: "grafana on a query with no frontend",
        design: () => edit().disconnect("g", "f").disconnect("f", "q").connect("queries", "g", "q").done(),
      },
    ],
  },
  {
    rule: "grafana-no-datasource",
    triggers: [
      { why: "unconnected", design: () => edit().disconnect("g", "f").done(), componentId: "g", mentions: ["grafana"] },
    ],
    clean: [{ why: "connected", design: () => edit().done() }],
  },
  {
    rule: "ruler-no-query",
    triggers: [
      {
        why: "no queries edge",
        design: () => edit().disconnect("r", "q").done(),
        componentId: "r",
        mentions: ["thanos-rule", "evaluation fails"],
      },
    ],
    clean: [
      { why: "ruler on the frontend", design: () => edit().disconnect("r", "q").connect("queries", "r", "f").done() },
    ],
  },
  {
    rule: "cache-missing",
    triggers: [
      {
        why: "frontend memcached without edge",
        design: () => edit().set("f", { cache: "memcached" }).done(),
        componentId: "f",
        mentions: ["thanos-query-frontend", "response cache"],
      },
      {
        why: "store index cache memcached without edge",
        design: () => edit().set("s", { indexCache: "memcached" }).done(),
        componentId: "s",
        mentions: ["index cache"],
      },
    ],
    clean: [
      {
        why: "memcached connected",
        design: () =>
          edit()
            .add({ id: "m", kind: "memcached", name: "memcached", cluster: "c1" })
            .set("f", { cache: "memcached" })
            .connect("cache", "f", "m")
            .done(),
      },
    ],
  },
  {
    rule: "cache-unused",
    triggers: [
      {
        why: "edge but in-memory",
        design: () =>
          edit()
            .add({ id: "m", kind: "memcached", name: "memcached", cluster: "c1" })
            .connect("cache", "f", "m")
            .done(),
        componentId: "f",
        mentions: ["memcached", "never used"],
      },
    ],
    clean: [{ why: "no edge", design: () => edit().done() }],
  },
  {
    rule: "receiver-local-endpoint",
    triggers: [
      {
        why: "namespace from the document, not this cluster",
        design: () =>
          withReceiver().set("rcv", { localEndpoint: "$(NAME).thanos-receive.thanos.svc.cluster.local:10901" }).done(),
        componentId: "rcv",
        mentions: ["thanos-receive", `$(NAME).${rx}`, "OOM"],
      },
    ],
    clean: [
      {
        why: "matching override",
        design: () =>
          withReceiver()
            .set("rcv", { localEndpoint: `$(NAME).${rx}` })
            .done(),
      },
    ],
  },
  {
    rule: "receiver-hashring-endpoints",
    triggers: [
      {
        why: "an ordinal beyond the replicas",
        design: () =>
          withReceiver()
            .set("rcv", {
              hashrings: [{ name: "default", endpoints: [0, 1, 2, 3].map((i) => `thanos-receive-${i}.${rx}`) }],
            })
            .done(),
        componentId: "rcv",
        mentions: [`thanos-receive-3.${rx}`],
      },
      {
        why: "a router hashring with no endpoints routes to itself",
        design: () => withReceiver().set("rcv", { role: "router" }).done(),
        componentId: "rcv",
        mentions: ["router only"],
      },
    ],
    clean: [
      {
        why: "every pod listed",
        design: () =>
          withReceiver()
            .set("rcv", {
              hashrings: [{ name: "default", endpoints: [0, 1, 2].map((i) => `thanos-receive-${i}.${rx}`) }],
            })
            .done(),
      },
      {
        why: "a router pointing at an ingestor group",
        design: () =>
          withReceiver()
            .add({
              id: "ing",
              kind: "receiver",
              name: "receive-ingest",
              cluster: "c1",
              settings: { role: "ingestor", replicas: 2 },
            })
            .set("rcv", {
              role: "router",
              hashrings: [
                {
                  name: "default",
                  endpoints: [0, 1].map((i) => `receive-ingest-${i}.receive-ingest.monitoring.svc.cluster.local:10901`),
                },
              ],
            })
            .connect("storeApi", "q", "ing")
            .connect("uploadsTo", "ing", "b")
            .done(),
      },
    ],
  },
  {
    rule: "receiver-replication-factor",
    triggers: [
      {
        why: "RF 3 over 2 endpoints",
        design: () =>
          withReceiver()
            .set("rcv", {
              replicationFactor: 3,
              hashrings: [{ name: "default", endpoints: [0, 1].map((i) => `thanos-receive-${i}.${rx}`) }],
            })
            .done(),
        componentId: "rcv",
        mentions: ["3 times", "2 endpoints"],
      },
    ],
    clean: [
      { why: "RF 3 over its own 3 pods", design: () => withReceiver().set("rcv", { replicationFactor: 3 }).done() },
    ],
  },
  {
    rule: "receiver-tenant-unrouted",
    triggers: [
      {
        why: "hard tenancy without the writer's tenant",
        design: () =>
          withReceiver()
            .set("rcv", { hashrings: [{ name: "kazusa", tenants: ["kazusa"] }] })
            .set("pw", { thanos: { mode: "remote-write", tenant: "setsuna" } })
            .done(),
        componentId: "pw",
        mentions: ['"setsuna"', "thanos-receive", "rejected"],
      },
    ],
    clean: [
      {
        why: "tenant listed",
        design: () =>
          withReceiver()
            .set("rcv", { hashrings: [{ name: "kazusa", tenants: ["kazusa"] }] })
            .set("pw", { thanos: { mode: "remote-write", tenant: "kazusa" } })
            .done(),
      },
      {
        why: "soft tenancy catches all",
        design: () =>
          withReceiver()
            .set("pw", { thanos: { mode: "remote-write", tenant: "anyone" } })
            .done(),
      },
    ],
  },
  {
    rule: "ruler-alert-label-drop",
    triggers: [
      {
        why: "nothing dropped",
        design: () => edit().set("r", { alertLabelDrop: [] }).done(),
        componentId: "r",
        mentions: ["thanos-rule", '"rule_replica"'],
      },
    ],
    clean: [
      {
        why: "custom replica label dropped",
        design: () =>
          edit()
            .set("r", { replicaLabel: "ruler_replica", alertLabelDrop: ["ruler_replica"] })
            .set("q", { replicaLabels: ["prometheus_replica", "ruler_replica"] })
            .done(),
      },
    ],
  },
  {
    rule: "cross-cluster-no-external-host",
    triggers: [
      {
        why: "global query in another cluster",
        design: () => globalQuery().done(),
        componentId: "gq",
        mentions: ["global-query", '"prod"', "external host pattern"],
      },
    ],
    clean: [
      {
        why: "target cluster has a pattern",
        design: () => globalQuery().set("c1", { externalHostPattern: "{service}.{cluster}.example.com" }).done(),
      },
    ],
  },
  {
    rule: "cluster-binding-conflict",
    triggers: [
      {
        why: "same namespace, same registered cluster",
        design: () =>
          edit()
            .set("c1", { registeredClusterId: "reg1" })
            .add({
              id: "c2",
              kind: "cluster",
              name: "prod-two",
              settings: { namespace: "monitoring", registeredClusterId: "reg1" },
            })
            .done(),
        componentId: "c2",
        mentions: ['"prod"', '"prod-two"', '"monitoring"'],
      },
    ],
    clean: [
      {
        why: "other namespace",
        design: () =>
          edit()
            .set("c1", { registeredClusterId: "reg1" })
            .add({
              id: "c2",
              kind: "cluster",
              name: "prod-two",
              settings: { namespace: "thanos", registeredClusterId: "reg1" },
            })
            .done(),
      },
    ],
  },
  {
    rule: "ha-single-replica",
    triggers: [
      {
        why: "one query",
        design: () => edit().set("q", { replicas: 1 }).done(),
        componentId: "q",
        mentions: ["thanos-query", "1 replica"],
      },
      {
        why: "one Prometheus per shard",
        design: () => edit().set("p", { replicas: 1 }).done(),
        componentId: "p",
        mentions: ["gap"],
      },
    ],
    clean: [
      { why: "compactor is a singleton by design", design: () => edit().done() },
      { why: "zero replicas is scaled down, not single", design: () => edit().set("f", { replicas: 0 }).done() },
    ],
  },
  ...WORKLOAD_CASES,
  ...SIZING_CASES,
];

describe("lint", () => {
  it("the healthy reference stack has no findings", () => {
    expect(lintDesign(edit().done())).toEqual([]);
    expect(lintDesign(withReceiver().done())).toEqual([]);
  });

  it("every rule has a test case, ids are unique and kebab-case", () => {
    const ids = LINT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(CASES.map((c) => c.rule).sort()).toEqual([...ids].sort());
  });

  for (const c of CASES)
    describe(c.rule, () => {
      const rule = LINT_RULES.find((r) => r.id === c.rule)!;
      for (const t of c.triggers)
        it(`fires: ${t.why}`, () => {
          const found = ofRule(t.design(), c.rule);
          expect(found.length, JSON.stringify(lintDesign(t.design()), null, 1)).toBeGreaterThan(0);
          const f = found.find((x) => x.componentId === t.componentId);
          expect(f, `finding on ${t.componentId}: ${JSON.stringify(found)}`).toBeDefined();
          expect(f!.severity).toBe(rule.severity);
          for (const m of t.mentions) expect(f!.message).toContain(m);
          expect(f!.hint.length).toBeGreaterThan(10);
        });
      for (const n of c.clean)
        it(`quiet: ${n.why}`, () => {
          expect(ofRule(n.design(), c.rule)).toEqual([]);
        });
    });

  it("findings never echo secret values", () => {
    const d = edit()
      .set("b", { provider: "oss", endpoint: undefined, accessKey: "AKIA-LEAK-ME", secretKey: "hunter2-LEAK" })
      .done();
    const text = JSON.stringify(lintDesign(d));
    expect(text).toContain("object-store-config");
    const half = JSON.stringify(
      lintDesign(edit().set("b", { accessKey: "AKIA-LEAK-ME", secretKey: undefined }).done()),
    );
    expect(half).toContain("object-store-credentials");
    expect(half).not.toContain("LEAK");
    expect(text).not.toContain("LEAK");
  });

  it("orders errors before warnings before info and counts them", () => {
    const d = edit()
      .set("k", { replicas: 2 })
      .set("q", { replicas: 1, replicaLabels: ["prometheus_replica", "rule_replica", "zzz"] })
      .done();
    const f = lintDesign(d);
    const ranks = f.map((x) => ["error", "warning", "info"].indexOf(x.severity));
    expect(ranks).toEqual([...ranks].sort());
    expect([...ranks].sort()).toEqual([0, 1, 2]);
  });
});
