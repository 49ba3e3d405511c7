"use client";
// The far level of a large design drawn on one <canvas> fixed to the screen: a pan or zoom redraws a few
// hundred rectangles and paths in a millisecond instead of moving hundreds of React Flow nodes and edges,
// whose compositing alone (PaintArtifactCompositor::Update) cost 12 ms a frame at 200 cluster boxes.
// React Flow's pane stays on top for pan, zoom and click; a click on a box zooms into it. The boxes are
// also a list of buttons for keyboard and screen-reader users.
import { memo, useEffect, useRef } from "react";
import { useStoreApi, type ReactFlowState } from "@xyflow/react";
import { CONNECTION_KINDS, type ConnectionKind } from "@/lib/topology/catalog";
import { plural } from "@/lib/text/plural";
import { aggregateWidth } from "../edges";
import { EDGE_STYLE, KIND_STYLE } from "../kind-style";
import type { FarBox, FarScene } from "./far-scene";
import type { ClusterTone } from "./level-of-detail";

/** Theme colours the drawing needs, read from the CSS variables once per theme. */
interface Palette {
  edge: Record<ConnectionKind, string>;
  clusterBg: string;
  border: string;
  text: string;
  muted: string;
  danger: string;
  warning: string;
  primary: string;
}

function readPalette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    edge: Object.fromEntries(CONNECTION_KINDS.map((k) => [k, v(`--tc-edge-${k}`, EDGE_STYLE[k].color)])) as Record<
      ConnectionKind,
      string
    >,
    clusterBg: v("--cluster-bg", "#f8fafc"),
    border: v("--border-strong", "#94a3b8"),
    text: v("--text", "#18202b"),
    muted: v("--text-muted", "#5b6472"),
    danger: v("--danger", "#c62828"),
    warning: v("--warning", "#d97706"),
    primary: v("--primary", "#2563eb"),
  };
}

const toneColor = (p: Palette, tone: ClusterTone | undefined) =>
  tone === "error" || tone === "down" ? p.danger : tone === "warning" || tone === "degraded" ? p.warning : p.border;

function draw(
  el: HTMLCanvasElement,
  s: ReactFlowState,
  scene: FarScene,
  paths: readonly Path2D[],
  p: Palette,
  selected: ReadonlySet<string>,
) {
  const dpr = window.devicePixelRatio || 1;
  const { width: w, height: h } = s;
  if (el.width !== Math.round(w * dpr) || el.height !== Math.round(h * dpr)) {
    el.width = Math.round(w * dpr);
    el.height = Math.round(h * dpr);
  }
  const ctx = el.getContext("2d");
  if (!ctx) return;
  const [tx, ty, z] = s.transform;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, el.width, el.height);
  // Flow coordinates, as React Flow's viewport maps them.
  ctx.setTransform(dpr * z, 0, 0, dpr * z, dpr * tx, dpr * ty);
  const view = { x0: -tx / z, y0: -ty / z, x1: (w - tx) / z, y1: (h - ty) / z };
  const onScreen = (b: FarBox) => b.x < view.x1 && b.x + b.width > view.x0 && b.y < view.y1 && b.y + b.height > view.y0;

  ctx.lineJoin = "round";
  scene.links.forEach((l, i) => {
    ctx.strokeStyle = p.edge[l.kind];
    ctx.lineWidth = aggregateWidth(EDGE_STYLE[l.kind].width, l.count) / z;
    ctx.stroke(paths[i]);
  });

  for (const b of scene.boxes) {
    if (!onScreen(b)) continue;
    ctx.beginPath();
    if (b.summary) {
      ctx.roundRect(b.x, b.y, b.width, b.height, 14);
      ctx.fillStyle = p.clusterBg;
      ctx.fill();
      ctx.lineWidth = (selected.has(b.id) ? 4 : 2) / z;
      ctx.strokeStyle = selected.has(b.id) ? p.primary : toneColor(p, b.summary.tone);
      ctx.stroke();
    } else {
      ctx.roundRect(b.x, b.y, b.width, b.height, 10);
      ctx.fillStyle = KIND_STYLE[b.kind].color;
      ctx.fill();
      if (selected.has(b.id)) {
        ctx.lineWidth = 4 / z;
        ctx.strokeStyle = p.primary;
        ctx.stroke();
      }
    }
  }

  // Text in screen pixels, so it stays sharp: a cluster's name, count and worst finding, as large as the
  // box allows, left out where it would be smaller than 7 px.
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.textBaseline = "middle";
  for (const b of scene.boxes) {
    const s = b.summary;
    if (!s || !onScreen(b)) continue;
    const font = Math.max(14, Math.min(b.width / 8, b.height / 3.4)) * z;
    if (font < 7) continue;
    const x = b.x * z + tx + font * 0.6;
    const cy = (b.y + b.height / 2) * z + ty;
    const max = b.width * z - font * 1.2;
    const lint = s.errors ? plural(s.errors, "error") : s.warnings ? plural(s.warnings, "warning") : "";
    const lines = lint ? [-1.05, 0, 0.95] : [-0.55, 0.5];
    ctx.font = `700 ${font}px system-ui, sans-serif`;
    ctx.fillStyle = p.text;
    ctx.fillText(b.name, x, cy + lines[0] * font, max);
    ctx.font = `${font * 0.8}px system-ui, sans-serif`;
    ctx.fillStyle = p.muted;
    ctx.fillText(plural(s.count, "component"), x, cy + lines[1] * font, max);
    if (lint) {
      ctx.font = `650 ${font * 0.8}px system-ui, sans-serif`;
      ctx.fillStyle = p.danger;
      ctx.fillText(lint, x, cy + lines[2] * font, max);
    }
  }
}

export const FarLayer = memo(function FarLayer({
  scene,
  selected,
  onZoomInto,
}: {
  scene: FarScene;
  selected: ReadonlySet<string>;
  onZoomInto(box: FarBox): void;
}) {
  const store = useStoreApi();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    // Made here, not in render: Path2D exists only in the browser, and the canvas renders on the server too.
    const paths = scene.links.map((l) => new Path2D(l.line));
    let palette: Palette | null = null;
    let frame = 0;
    const paint = () => {
      frame = 0;
      palette ??= readPalette(el);
      draw(el, store.getState(), scene, paths, palette, selected);
    };
    // At most one drawing per frame, however many transform updates arrive in it.
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(paint);
    };
    paint();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) schedule();
    });
    const theme = new MutationObserver(() => {
      palette = null;
      schedule();
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class"] });
    return () => {
      unsubscribe();
      theme.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [store, scene, selected]);

  const clusters = scene.boxes.filter((b) => b.summary);
  return (
    <>
      <canvas
        ref={canvas}
        className="tc-far-layer"
        role="img"
        aria-label={`Overview of ${plural(clusters.length, "cluster")}: click one to zoom into it`}
        data-testid="far-layer"
        data-boxes={scene.boxes.length}
        data-links={scene.links.length}
      />
      <ul className="tc-sr" aria-label="Clusters">
        {clusters.map((b) => (
          <li key={b.id}>
            <button type="button" onClick={() => onZoomInto(b)} data-testid="far-cluster">
              Zoom into cluster {b.name}, {plural(b.summary!.count, "component")}
              {b.summary!.errors ? `, ${plural(b.summary!.errors, "lint error")}` : ""}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
});
