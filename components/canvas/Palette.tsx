"use client";
import { useReactFlow } from "@xyflow/react";
import { COMPONENT_KINDS, KINDS, type ComponentKind } from "@/lib/topology/catalog";
import { KIND_CATEGORIES } from "@/lib/topology/kinds";
import { useEditorStore } from "./context";
import { KIND_STYLE } from "./kind-style";
import { placeByKeyboard } from "./placement";
import { PALETTE_MIME } from "./use-canvas-drop";

/** Every component kind: drag onto the canvas (or into a cluster), or click / Enter to add to the selected cluster. */
export function Palette({ onRefuse }: { onRefuse(reason: string): void }) {
  const store = useEditorStore();
  const rf = useReactFlow();
  const add = (kind: ComponentKind) => {
    const s = store.getState();
    const el = document.querySelector(".tc-canvas");
    const box = el?.getBoundingClientRect();
    const center = box
      ? rf.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
    const placed = placeByKeyboard(s.design, kind, s.selected, center);
    if (!placed.ok) return onRefuse(placed.reason);
    s.addComponent(kind, placed.position, placed.cluster);
  };
  return (
    <nav className="tc-palette" aria-label="Component palette">
      {KIND_CATEGORIES.map((cat) => {
        const kinds = COMPONENT_KINDS.filter((k) => KINDS[k].category === cat);
        return (
          <div key={cat} className="tc-palette-group">
            <h3>{cat}</h3>
            {kinds.map((k) => {
              const { icon: Icon, color } = KIND_STYLE[k];
              return (
                <button
                  key={k}
                  type="button"
                  className="tc-palette-item"
                  draggable
                  data-kind={k}
                  title={`${KINDS[k].description}\nDrag onto the canvas${KINDS[k].needsCluster ? " (into a cluster)" : ""}, or click to add.`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(PALETTE_MIME, k);
                    e.dataTransfer.effectAllowed = "copy";
                  }}
                  onClick={() => add(k)}
                >
                  <span className="tc-palette-icon" style={{ background: color }} aria-hidden>
                    <Icon size={14} />
                  </span>
                  {KINDS[k].label}
                </button>
              );
            })}
          </div>
        );
      })}
      <p className="tc-palette-tip">Drag a kind onto the canvas, or click it to add it to the selected cluster.</p>
    </nav>
  );
}
