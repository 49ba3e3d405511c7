"use client";
import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";

export const SHORTCUTS: [string, string][] = [
  ["Ctrl/⌘ + S", "Save a new revision"],
  ["Ctrl/⌘ + Z", "Undo"],
  ["Ctrl/⌘ + Shift + Z, Ctrl + Y", "Redo"],
  ["Ctrl/⌘ + C / V", "Copy / paste the selection"],
  ["Ctrl/⌘ + D", "Duplicate the selection"],
  ["Ctrl/⌘ + A", "Select everything"],
  ["Delete, Backspace", "Delete the selection"],
  ["Shift + drag", "Box-select"],
  ["Ctrl/⌘/Shift + click", "Add to the selection"],
  ["Arrow keys", "Move the selected components (Shift: 4× further; one undo step per burst)"],
  ["/, Ctrl/⌘ + K", "Find a component and centre it"],
  ["L", "Auto-layout"],
  ["F", "Fit the view"],
  ["M", "Switch between canvas and manifests"],
  ["Escape", "Clear the selection"],
  ["?", "This help"],
];

export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      description="Shortcuts work when the focus is not in a text field; canvas shortcuts only on the Canvas tab."
      footer={<Button onClick={onClose}>Close</Button>}
      width={520}
    >
      <table className="tc-shortcuts">
        <tbody>
          {SHORTCUTS.map(([k, what]) => (
            <tr key={k}>
              <td>
                {k.split(", ").map((x) => (
                  <kbd key={x}>{x}</kbd>
                ))}
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
