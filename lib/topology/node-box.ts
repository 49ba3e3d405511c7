import type { Component } from "./design";

/**
 * The box a component node occupies on the canvas, shared by the canvas (which draws it at exactly this
 * size) and the layout (which must not let two boxes overlap). Wide enough for the whole name at the node's
 * 13 px title font next to its 32 px icon, so three receivers never all read
 * "thanos-receiver…"; capped so one long name cannot widen a whole layout column, the rest wraps.
 */
export const NODE_MIN_WIDTH = 200;
export const NODE_MAX_WIDTH = 320;
export const NODE_HEIGHT = 68;
/** The title band of a cluster box, above its children. */
export const CLUSTER_HEADER = 44;

const CHROME = 76; // icon, paddings and the badge gutter
/**
 * Advance per character of a name at 13 px, weight 620, as headless Chromium on Debian draws it (DejaVu Sans
 * Bold): 8.0–8.3 px for lowercase names with hyphens, 9 px for digits (measured on real names); so a
 * 29-character name still fits on one line at the maximum width.
 */
const GLYPH = 8.4;

export function nodeBox(c: Pick<Component, "name">): { width: number; height: number } {
  const width = Math.min(NODE_MAX_WIDTH, Math.max(NODE_MIN_WIDTH, Math.ceil(CHROME + c.name.length * GLYPH)));
  return { width, height: NODE_HEIGHT };
}
