"use client";
import { useEffect, useState } from "react";
import type { Design } from "@/lib/topology/design";
import { KIND_STYLE } from "@/components/canvas/kind-style";
import { EDGE_STYLE } from "@/components/canvas/kind-style";
import { autoLayout } from "@/components/canvas/layout";
import { NODE_HEIGHT, NODE_WIDTH } from "@/components/canvas/nodes";

type Box = { x: number; y: number; w: number; h: number };

/** A miniature of a design drawn from its component positions (after the same auto-layout the editor applies). */
export function DesignThumbnail({
  design,
  width = 280,
  height = 150,
  layout = true,
}: {
  design: Design;
  width?: number;
  height?: number;
  layout?: boolean;
}) {
  // The laid-out copy remembers which document it was made from, so a new `design` never shows a stale one.
  const [result, setResult] = useState<{ from: Design; laid: Design } | null>(null);
  useEffect(() => {
    if (!layout) return;
    let live = true;
    autoLayout(design).then(
      ({ positions, sizes }) => {
        if (!live) return;
        setResult({
          from: design,
          laid: {
            ...design,
            components: design.components.map((c) => {
              const p = positions.get(c.id) ?? c.position;
              const s = sizes.get(c.id);
              return (
                s
                  ? { ...c, position: p, settings: { ...c.settings, width: s.width, height: s.height } }
                  : { ...c, position: p }
              ) as typeof c;
            }),
          },
        });
      },
      () => live && setResult({ from: design, laid: design }),
    );
    return () => {
      live = false;
    };
  }, [design, layout]);
  const laid = !layout ? design : result?.from === design ? result.laid : null;

  if (!laid) return <div className="ds-thumb ds-thumb-loading" style={{ width, height }} aria-hidden />;
  const byId = new Map(laid.components.map((c) => [c.id, c]));
  const boxes = new Map<string, Box>();
  for (const c of laid.components) {
    const parent = c.cluster ? byId.get(c.cluster) : undefined;
    const x = (parent?.position.x ?? 0) + c.position.x;
    const y = (parent?.position.y ?? 0) + c.position.y;
    const s = c.settings as { width?: number; height?: number };
    boxes.set(
      c.id,
      c.kind === "cluster" ? { x, y, w: s.width ?? 760, h: s.height ?? 480 } : { x, y, w: NODE_WIDTH, h: NODE_HEIGHT },
    );
  }
  const all = [...boxes.values()];
  const minX = Math.min(0, ...all.map((b) => b.x)) - 20;
  const minY = Math.min(0, ...all.map((b) => b.y)) - 20;
  const maxX = Math.max(100, ...all.map((b) => b.x + b.w)) + 20;
  const maxY = Math.max(60, ...all.map((b) => b.y + b.h)) + 20;
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
              x={b.x}
              y={b.y}
              width={b.w}
              height={b.h}
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
            x1={a.x + a.w}
            y1={a.y + a.h / 2}
            x2={b.x}
            y2={b.y + b.h / 2}
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
              <rect
                x={b.x}
                y={b.y}
                width={b.w}
                height={b.h}
                rx={12}
                fill="var(--surface)"
                stroke="var(--thumb-line)"
                strokeWidth={3}
              />
              <rect x={b.x} y={b.y} width={14} height={b.h} rx={6} fill={KIND_STYLE[c.kind].color} />
              <rect x={b.x + 30} y={b.y + 18} width={b.w * 0.55} height={12} rx={6} fill="var(--thumb-line)" />
              <rect x={b.x + 30} y={b.y + 38} width={b.w * 0.35} height={10} rx={5} fill="var(--thumb-line-soft)" />
            </g>
          );
        })}
    </svg>
  );
}
