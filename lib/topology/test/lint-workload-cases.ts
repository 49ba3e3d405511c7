/** Lint cases for the hardening rules (lint/rules/workload.ts), in the shape lint.test.ts iterates over. */
import type { Design } from "../design";
import { edit, withReceiver } from "./lint-fixtures";

interface Case {
  rule: string;
  triggers: { why: string; design: () => Design; componentId: string; mentions: string[] }[];
  clean: { why: string; design: () => Design }[];
}

/** A second cluster "edge" whose Prometheus remote-writes into the reference stack's cluster (exposed as given). */
const edgeWriter = (exposure: Record<string, unknown>) =>
  withReceiver()
    .set("c1", { externalHostPattern: "{service}.prod.example.com", exposure })
    .add({ id: "c2", kind: "cluster", name: "edge", settings: { namespace: "edge" } })
    .add({
      id: "pe",
      kind: "prometheus",
      name: "prometheus-edge",
      cluster: "c2",
      settings: { thanos: { mode: "remote-write" } },
    })
    .connect("remoteWrite", "pe", "rcv")
    .done();

export const WORKLOAD_CASES: Case[] = [
  {
    rule: "memcached-memory-limit",
    triggers: [
      {
        why: "a 4 GB cache in the default 1280Mi container",
        design: () =>
          edit()
            .add({ id: "mc", kind: "memcached", name: "memcached", cluster: "c1", settings: { memoryLimitMb: 4096 } })
            .done(),
        componentId: "mc",
        mentions: ["4096 MB", "1280Mi", "OOM"],
      },
    ],
    clean: [
      {
        why: "the default cache size fits the default limit",
        design: () => edit().add({ id: "mc", kind: "memcached", name: "memcached", cluster: "c1" }).done(),
      },
    ],
  },
  {
    rule: "anti-affinity-unschedulable",
    triggers: [
      {
        why: "3 receivers kept on different nodes of a 2-node cluster",
        design: () => withReceiver().set("c1", { nodes: 2 }).done(),
        componentId: "rcv",
        mentions: ["3 replicas", "2 nodes", "Pending"],
      },
      {
        why: "2 store gateways kept in different zones of a 1-zone cluster",
        design: () =>
          edit()
            .set("c1", { zones: 1 })
            .set("s", { workload: { antiAffinityTopology: "zone" } })
            .done(),
        componentId: "s",
        mentions: ["2 replicas", "1 zone"],
      },
    ],
    clean: [
      { why: "enough nodes", design: () => withReceiver().set("c1", { nodes: 3 }).done() },
      { why: "no node count declared", design: () => withReceiver().done() },
      {
        why: "preferred anti-affinity schedules anyway",
        design: () =>
          withReceiver()
            .set("c1", { nodes: 1 })
            .set("rcv", { workload: { antiAffinity: "preferred" } })
            .set("p", { workload: { antiAffinity: "preferred" } })
            .set("s", { workload: { antiAffinity: "preferred" } })
            .set("r", { workload: { antiAffinity: "preferred" } })
            .set("am", { workload: { antiAffinity: "preferred" } })
            .set("pw", { workload: { antiAffinity: "preferred" } })
            .done(),
      },
    ],
  },
  {
    rule: "pdb-blocks-eviction",
    triggers: [
      {
        why: "maxUnavailable 0 on a 2-replica Query",
        design: () =>
          edit()
            .set("q", { workload: { maxUnavailable: 0 } })
            .done(),
        componentId: "q",
        mentions: ["maxUnavailable 0", "drain"],
      },
    ],
    clean: [
      { why: "the default budget", design: () => edit().done() },
      {
        why: "a single replica gets no budget at all",
        design: () =>
          edit()
            .set("q", { replicas: 1, workload: { maxUnavailable: 0 } })
            .done(),
      },
    ],
  },
  {
    rule: "receiver-pdb-quorum",
    triggers: [
      {
        why: "2 of 3 receivers evictable with replication factor 3",
        design: () =>
          withReceiver()
            .set("rcv", { replicationFactor: 3, workload: { maxUnavailable: 2 } })
            .done(),
        componentId: "rcv",
        mentions: ["2 pods", "replication factor 3", "1 down"],
      },
    ],
    clean: [
      { why: "the default (floor(RF/2))", design: () => withReceiver().set("rcv", { replicationFactor: 3 }).done() },
    ],
  },
  {
    rule: "vertical-compaction",
    triggers: [
      {
        why: "deduplication on the Prometheus replica label",
        design: () =>
          edit()
            .set("k", { deduplicationReplicaLabels: ["prometheus_replica"] })
            .done(),
        componentId: "k",
        mentions: ["prometheus_replica", "cannot be undone"],
      },
    ],
    clean: [{ why: "off by default", design: () => edit().done() }],
  },
  {
    rule: "external-host-unexposed",
    triggers: [
      {
        why: "remote write into a cluster whose exposure is none",
        design: () => edgeWriter({ type: "none" }),
        componentId: "rcv",
        mentions: ["edge", "none"],
      },
    ],
    clean: [{ why: "exposed through an Ingress", design: () => edgeWriter({ type: "ingress" }) }],
  },
  {
    rule: "remote-write-plaintext",
    triggers: [
      {
        why: "remote write through a LoadBalancer",
        design: () => edgeWriter({ type: "loadBalancer" }),
        componentId: "pe",
        mentions: ["plain http"],
      },
    ],
    clean: [{ why: "https through the Ingress", design: () => edgeWriter({ type: "ingress" }) }],
  },
];
