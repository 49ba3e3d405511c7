"use client";
// The minimap of a large design: clusters and top-level components as rects, drawn once per design change,
// and the view's rectangle moved on each frame by a store subscription that sets four attributes (no React
// render). React Flow's MiniMap runs a selector per node on every frame, which at 2,000 nodes costs more
// than the frame. Click or drag on it to move the view there.
import { memo, useEffect, useMemo, useRef } from "react";
import { Panel, useReactFlow, useStoreApi } from "@xyflow/react";
import type { Design } from "@/lib/topology/design";
import { KIND_STYLE } from "../kind-style";
import { nodeSize } from "../placement";
import { contentBounds } from "./opening-view";

const W = 200;
const H = 150;

export const OverviewMap = memo(function OverviewMap({ design }: { design: Design }) {
  const store = useStoreApi();
  const rf = useReactFlow();
  const view = useRef<SVGRectElement>(null);
  const { rects, box } = useMemo(() => {
    const clusters = new Set(design.components.filter((c) => c.kind === "cluster").map((c) => c.id));
    const top = design.components.filter((c) => !c.cluster || !clusters.has(c.cluster));
    return {
      rects: top.map((c) => ({ id: c.id, cluster: c.kind === "cluster", ...c.position, ...nodeSize(c), kind: c.kind })),
      box: contentBounds(design) ?? { x: 0, y: 0, width: 1, height: 1 },
    };
  }, [design]);
  // Content plus a margin, scaled to fit the map.
  const pad = Math.max(box.width, box.height) * 0.05;
  const vb = { x: box.x - pad, y: box.y - pad, w: box.width + 2 * pad, h: box.height + 2 * pad };
  const scale = Math.max(vb.w / W, vb.h / H);

  useEffect(() => {
    const draw = () => {
      const s = store.getState();
      const [tx, ty, z] = s.transform;
      const el = view.current;
      if (!el) return;
      el.setAttribute("x", String(-tx / z));
      el.setAttribute("y", String(-ty / z));
      el.setAttribute("width", String(s.width / z));
      el.setAttribute("height", String(s.height / z));
    };
    draw();
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) draw();
    });
  }, [store]);

  const moveTo = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const cx = vb.x + (vb.w - W * scale) / 2 + (e.clientX - r.left) * scale;
    const cy = vb.y + (vb.h - H * scale) / 2 + (e.clientY - r.top) * scale;
    void rf.setCenter(cx, cy, { zoom: rf.getZoom() });
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap tc-overview-map">
      <svg
        width={W}
        height={H}
        viewBox={`${vb.x + (vb.w - W * scale) / 2} ${vb.y + (vb.h - H * scale) / 2} ${W * scale} ${H * scale}`}
        role="img"
        aria-label="Minimap"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons & 1) moveTo(e);
        }}
      >
        {rects.map((r) => (
          <rect
            key={r.id}
            x={r.x}
            y={r.y}
            width={r.width}
            height={r.height}
            rx={Math.min(2 * scale, r.height / 8)}
            fill={r.cluster ? "rgba(71,85,105,0.12)" : KIND_STYLE[r.kind].color}
            stroke={r.cluster ? "#94a3b8" : "none"}
            strokeWidth={scale}
          />
        ))}
        <rect
          ref={view}
          className="tc-overview-view"
          fill="rgba(79,70,229,0.08)"
          stroke="var(--primary, #4f46e5)"
          strokeWidth={1.5 * scale}
        />
      </svg>
    </Panel>
  );
});
