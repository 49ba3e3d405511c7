/**
 * Positions for template components inside a cluster box (relative to the box, as React Flow's parentId
 * children are): a grid of 180 × 130 cells under a 60 px title band, so a 760 × 480 cluster holds 4 × 3 nodes.
 */
export function cell(col: number, row: number): { x: number; y: number } {
  return { x: 30 + col * 180, y: 60 + row * 130 };
}
