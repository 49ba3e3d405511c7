"use client";
// The editor's two questions: a save conflict (409) and leaving with unsaved changes.
import { memo } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { SaveConflict } from "./use-design-document";

export const ConflictDialog = memo(function ConflictDialog({
  conflict,
  revision,
  onKeepEditing,
  onReload,
  onSaveCopy,
}: {
  conflict: SaveConflict | null;
  /** The revision the editor opened. */
  revision: number;
  onKeepEditing(): void;
  onReload(): void;
  onSaveCopy(): void;
}) {
  return (
    <Dialog
      open={!!conflict}
      onClose={onKeepEditing}
      title="Someone saved this design in the meantime"
      width={620}
      description={`Revision ${conflict?.currentRevision ?? "?"} was saved after you opened revision ${revision}. Your changes are still here.`}
      footer={
        <>
          <Button variant="ghost" onClick={onKeepEditing}>
            Keep editing
          </Button>
          <Button variant="danger-ghost" onClick={onReload}>
            Reload (discard my changes)
          </Button>
          <Button variant="primary" onClick={onSaveCopy}>
            Save mine as a copy
          </Button>
        </>
      }
    >
      <p className="muted">
        Reload loads the latest revision and drops your edits. Save as a copy keeps everything you changed in a new
        design.
      </p>
    </Dialog>
  );
});

export const LeaveDialog = memo(function LeaveDialog({
  open,
  onStay,
  onLeave,
}: {
  open: boolean;
  onStay(): void;
  onLeave(): void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onStay}
      title="Leave without saving?"
      description="Your unsaved changes to this design will be lost."
      footer={
        <>
          <Button onClick={onStay}>Stay</Button>
          <Button variant="danger" onClick={onLeave}>
            Leave
          </Button>
        </>
      }
    />
  );
});
