"use client";
import { useEffect, useMemo, useState } from "react";
import type { Design } from "@/lib/topology/design";
import { KIND_STYLE } from "@/components/canvas/kind-style";
import { EDGE_STYLE } from "@/components/canvas/kind-style";
import { componentBoxes, needsLayout } from "@/lib/topology/geometry";
import { layoutDesign } from "@/lib/topology/layout";

/**
 * A miniature of a design drawn from its stored positions at the boxes the canvas draws. Designs and
 * templates are stored laid out; only a document that would open unreadable (an older revision without
 * positions) is laid out here, the same way the server would.
 */
export function DesignThumbnail({
  design,
  width = 280,
  height = 150,
}: {
  design: Design;
  width?: number;
  height?: number;
}) {
  const needs = useMemo(() => needsLayout(design), [design]);
  // The laid-out copy remembers which document it was made from, so a new `design` never shows a stale one.
  const [result, setResult] = useState<{ from: Design; laid: Design } | null>(null);
  useEffect(() => {
    if (!needs) return;
    let live = true;
    layoutDesign(design).then(
      (laid) => live && setResult({ from: design, laid }),
      () => live && setResult({ from: design, laid: design }),
    );
    return () => {
      live = false;
    };
  }, [design, needs]);
  const laid = !needs ? design : result?.from === design ? result.laid : null;

  if (!laid) return <div className="ds-thumb ds-thumb-loading" style={{ width, height }} aria-hidden />;
  const boxes = componentBoxes(laid);
  const all = [...boxes.values()];
  const minX = Math.min(0, ...all.map((b) => b.x)) - 20;
  const minY = Math.min(0, ...all.map((b) => b.y)) - 20;
  const maxX = Math.max(100, ...all.map((b) => b.x + b.width)) + 20;
  const maxY = Math.max(60, ...all.map((b) => b.y + b.height)) + 20;
  return (
    <svg
      className="ds-thumb"
      width={width}
      height={height}
      viewBox={`${minX} ${minY} ${maxX - minX} ${maxY - minY}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={`Diagram of ${laid.components.length} components`}
    >
      {laid.components
        .filter((c) => c.kind === "cluster")
        .map((c) => {
          const b = boxes.get(c.id)!;
          return (
            <rect
              key={c.id}
              {...b}
              rx={18}
              fill="var(--cluster-bg)"
              stroke="var(--cluster-border)"
              strokeWidth={4}
              strokeDasharray="14 10"
            />
          );
        })}
      {laid.connections.map((e) => {
        const a = boxes.get(e.from);
        const b = boxes.get(e.to);
        if (!a || !b) return null;
        return (
          <line
            key={e.id}
            x1={a.x + a.width}
            y1={a.y + a.height / 2}
            x2={b.x}
            y2={b.y + b.height / 2}
            stroke={EDGE_STYLE[e.kind].color}
            strokeWidth={5}
            strokeOpacity={0.6}
          />
        );
      })}
      {laid.components
        .filter((c) => c.kind !== "cluster")
        .map((c) => {
          const b = boxes.get(c.id)!;
          return (
            <g key={c.id}>
              <rect {...b} rx={12} fill="var(--surface)" stroke="var(--thumb-line)" strokeWidth={3} />
              <rect x={b.x} y={b.y} width={14} height={b.height} rx={6} fill={KIND_STYLE[c.kind].color} />
              <rect x={b.x + 30} y={b.y + 18} width={b.width * 0.55} height={12} rx={6} fill="var(--thumb-line)" />
              <rect x={b.x + 30} y={b.y + 38} width={b.width * 0.35} height={10} rx={5} fill="var(--thumb-line-soft)" />
            </g>
          );
        })}
    </svg>
  );
}
