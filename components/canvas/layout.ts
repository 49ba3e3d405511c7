// The editor's `L` (explicit auto-layout, an undoable edit) runs the model layer's layout as it is: it sizes
// every node with nodeBox, the box the canvas draws, so canvas and layout agree by construction.
export { autoLayout, type LayoutResult } from "@/lib/topology/layout";
