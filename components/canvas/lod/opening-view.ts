// Where a design opens. Text must be readable (≥ 12 px on screen for the 13 px node names): a design that
// fits at ≥ 0.9 zoom opens fitted; a larger one opens at zoom 1 on the top-left of its content (the first
// cluster in reading order), and the minimap and zoom controls show the rest.
import type { Design } from "@/lib/topology/design";
import { nodeSize } from "../placement";

export const MIN_FIT_ZOOM = 0.9;
export const MAX_FIT_ZOOM = 1.1;
const PADDING = 40;

type Viewport = { x: number; y: number; zoom: number };

/** The bounds of a design's top-level boxes (children lie inside their clusters). */
export function contentBounds(design: Design): { x: number; y: number; width: number; height: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const clusters = new Set(design.components.filter((c) => c.kind === "cluster").map((c) => c.id));
  for (const c of design.components) {
    if (c.cluster && clusters.has(c.cluster)) continue;
    const { width, height } = nodeSize(c);
    x0 = Math.min(x0, c.position.x);
    y0 = Math.min(y0, c.position.y);
    x1 = Math.max(x1, c.position.x + width);
    y1 = Math.max(y1, c.position.y + height);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/**
 * The viewport to open with (top-left at zoom 1, known before the canvas is measured) and, once the
 * canvas size is known, the fitted viewport when fitting keeps zoom ≥ MIN_FIT_ZOOM (null otherwise).
 */
export function openingViewport(design: Design): {
  viewport: Viewport;
  fit: ((width: number, height: number) => Viewport | null) | null;
} {
  const b = contentBounds(design);
  if (!b) return { viewport: { x: 0, y: 0, zoom: 1 }, fit: null };
  return {
    viewport: { x: PADDING - b.x, y: PADDING - b.y, zoom: 1 },
    fit(width, height) {
      const zoom = Math.min(MAX_FIT_ZOOM, (width - 2 * PADDING) / b.width, (height - 2 * PADDING) / b.height);
      if (!(zoom >= MIN_FIT_ZOOM)) return null;
      return {
        x: (width - b.width * zoom) / 2 - b.x * zoom,
        y: (height - b.height * zoom) / 2 - b.y * zoom,
        zoom,
      };
    },
  };
}
