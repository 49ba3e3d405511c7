"use client";
import { useMemo } from "react";
import type { Component } from "@/lib/topology/design";
import { designSizing } from "@/components/canvas/lod/geometry-only";
import { simulateRing, type ComponentSizing, type RingSimulation } from "@/lib/topology/sizing";
import { useEditor } from "@/components/canvas/context";
import { bytes, cores } from "./format";
import "./sizing.css";

/** Inspector section: the estimate next to what is configured, one line of "why" per number. */
export function SizingSection({ component }: { component: Component }) {
  const design = useEditor((s) => s.design);
  const sizing = useMemo(
    () => designSizing(design)?.components.find((c) => c.id === component.id),
    [design, component.id],
  );
  if (!sizing) return null;
  return (
    <section className="tz-section" aria-label="Sizing" data-testid="sizing-section">
      <h3 className="tc-subhead">Sizing</h3>
      {sizing.estimate && sizing.why ? (
        <EstimateTable sizing={sizing} />
      ) : (
        <p className="tc-help" data-testid="not-sized">
          {sizing.notSized ?? "not sized"}
        </p>
      )}
      {sizing.findings.length > 0 && (
        <ul className="tz-findings">
          {sizing.findings.map((f, i) => (
            <li key={i} className={`is-${f.severity}`}>
              {f.message} <span className="tc-muted">{f.hint}</span>
            </li>
          ))}
        </ul>
      )}
      {component.kind === "receiver" && <RingFacts receiver={component} />}
    </section>
  );
}

function EstimateTable({ sizing }: { sizing: ComponentSizing }) {
  const e = sizing.estimate!;
  const why = sizing.why!;
  const c = sizing.configured;
  const rows: { label: string; estimate: string; configured: string; why: string; short: boolean }[] = [
    { label: "CPU", estimate: cores(e.cpuCores), configured: cores(c.cpuCores), why: why.cpu, short: false },
    {
      label: "Memory",
      estimate: bytes(e.memoryBytes),
      configured: bytes(c.memoryBytes),
      why: why.memory,
      short: c.memoryBytes !== null && c.memoryBytes < e.memoryBytes,
    },
  ];
  if (e.storageBytes > 0)
    rows.push({
      label: "Volume",
      estimate: bytes(e.storageBytes),
      configured: bytes(c.storageBytes),
      why: why.storage,
      short: c.storageBytes !== null && c.storageBytes < e.storageBytes,
    });
  return (
    <table className="tz-estimate">
      <thead>
        <tr>
          <th />
          <th>Estimate</th>
          <th>Configured</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label} data-testid={`sizing-${r.label.toLowerCase()}`}>
            <th scope="row">{r.label}</th>
            <td>
              {r.estimate}
              <div className="tz-why">{r.why}</div>
            </td>
            <td className={r.short ? "is-short" : undefined}>{r.configured}</td>
          </tr>
        ))}
      </tbody>
      <caption className="tc-help">
        Per pod ({sizing.pods} pod{sizing.pods === 1 ? "" : "s"}). Suggested: {sizing.suggested?.cpu} CPU,{" "}
        {sizing.suggested?.memoryRequest} request / {sizing.suggested?.memoryLimit} limit
        {sizing.suggested?.storage ? `, ${sizing.suggested.storage} volume` : ""}.
      </caption>
    </table>
  );
}

/** Hashring facts from the simulator: failures tolerated and the share of series a resize moves. */
function RingFacts({ receiver }: { receiver: Extract<Component, { kind: "receiver" }> }) {
  const s = receiver.settings;
  // A string key: the hashrings array is a new value on every edit of any receiver field.
  const listed = s.hashrings.flatMap((h) => h.endpoints).join(",");
  const endpoints = useMemo(
    () =>
      listed
        ? listed.split(",")
        : Array.from({ length: s.replicas }, (_, i) => `${receiver.name}-${i}.${receiver.name}-headless:10901`),
    [listed, s.replicas, receiver.name],
  );
  const sims = useMemo((): { configured: RingSimulation; other: RingSimulation } | null => {
    if (endpoints.length < s.replicationFactor || endpoints.length === 0) return null;
    const other = s.hashringAlgorithm === "ketama" ? "hashmod" : "ketama";
    return {
      configured: simulateRing(s.hashringAlgorithm, endpoints, s.replicationFactor, 1500),
      other: simulateRing(other, endpoints, s.replicationFactor, 1500),
    };
  }, [endpoints, s.replicationFactor, s.hashringAlgorithm]);
  if (!sims)
    return (
      <p className="tc-help">
        Hashring: {endpoints.length} endpoint(s) cannot hold replication factor {s.replicationFactor}.
      </p>
    );
  const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
  const c = sims.configured;
  return (
    <p className="tc-help" data-testid="hashring-facts">
      Hashring ({c.algorithm}, {c.endpoints} endpoints, RF {c.replicationFactor}): write quorum {c.writeQuorum},{" "}
      {c.failureTolerance} endpoint{c.failureTolerance === 1 ? "" : "s"} may fail without losing writes. Adding an
      endpoint moves {pct(c.movedOnAdd)} of series ({sims.other.algorithm}: {pct(sims.other.movedOnAdd)}); removing one
      moves {pct(c.movedOnRemove)}. Busiest endpoint holds {c.imbalance.toFixed(2)}× its fair share.
    </p>
  );
}
