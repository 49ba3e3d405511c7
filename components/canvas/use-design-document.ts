"use client";
// The document side of the editor: the revision it is based on, dirty state, save (validated first),
// and the 409 conflict when someone saved in between (reload theirs, or keep mine as a copy).
import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";
import { designsApi, type DesignDetail } from "@/components/designs/api";
import { ApiError } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import { validateDesign } from "@/lib/topology/design";
import { useEditor } from "./context";
import type { EditorStore } from "./store";

export interface SaveConflict {
  /** The revision someone else saved, when the server said. */
  currentRevision?: number;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useDesignDocument({
  detail,
  store,
  readOnly,
  onInvalidComponent,
}: {
  detail: DesignDetail;
  store: EditorStore;
  readOnly: boolean;
  /** The first invalid component, when validation refuses a save (the editor centres it). */
  onInvalidComponent(id: string): void;
}) {
  const toast = useToast();
  const router = useRouter();
  const dirty = useEditor((s) => s.design !== s.saved);
  const [revision, setRevision] = useState(detail.revision ?? detail.latestRevision);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<SaveConflict | null>(null);

  /** Save the document as a new revision; 409 opens the conflict dialog. Returns whether it saved. */
  const save = useCallback(
    async (message?: string): Promise<boolean> => {
      if (readOnly || saving) return false;
      const doc = store.getState().design;
      const v = validateDesign(doc);
      if (!v.ok) {
        const first = v.issues[0];
        const m = /^components\.(\d+)/.exec(first.path);
        const c = m ? doc.components[Number(m[1])] : undefined;
        if (c) onInvalidComponent(c.id);
        toast.error(
          `${first.path ? first.path + ": " : ""}${first.message}${v.issues.length > 1 ? ` (and ${v.issues.length - 1} more)` : ""}`,
          "Fix the design before saving",
        );
        return false;
      }
      setSaving(true);
      try {
        const r = await designsApi.save(detail.id, { baseRevision: revision, design: doc, message });
        setRevision(r.revision);
        store.getState().markSaved(doc);
        toast.success(`Saved revision ${r.revision}`);
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409)
          setConflict({ currentRevision: (e.body as { currentRevision?: number })?.currentRevision });
        else toast.error(errorText(e), "Save failed");
        return false;
      } finally {
        setSaving(false);
      }
    },
    [readOnly, saving, store, detail.id, revision, toast, onInvalidComponent],
  );

  /** Conflict: drop my edits and load the latest revision. */
  const reloadTheirs = useCallback(async () => {
    try {
      const fresh = await designsApi.get(detail.id);
      store.getState().load(fresh.design);
      setRevision(fresh.revision ?? fresh.latestRevision);
      setConflict(null);
      toast.info(`Loaded revision ${fresh.revision ?? fresh.latestRevision}`);
    } catch (e) {
      toast.error(errorText(e), "Reload failed");
    }
  }, [detail.id, store, toast]);

  /** Conflict: keep my edits as a new design and open it. */
  const saveAsCopy = useCallback(async () => {
    const doc = store.getState().design;
    const name = `${detail.name} (copy)`.slice(0, 120);
    try {
      // copyOf lets the server keep the original's secrets when this user may (owner or a role at least theirs).
      const r = await designsApi.create({ name, design: { ...doc, name }, copyOf: { design: detail.id, revision } });
      // The copy holds everything typed here; this document is no longer "dirty" from the user's point of view.
      store.getState().markSaved(doc);
      setConflict(null);
      toast.success(`Saved your version as “${name}”`);
      router.push(`/designs/${r.id}`);
    } catch (e) {
      toast.error(errorText(e), "Save as a copy failed");
    }
  }, [detail.id, detail.name, revision, store, toast, router]);

  const dismissConflict = useCallback(() => setConflict(null), []);

  return { revision, dirty, saving, conflict, save, reloadTheirs, saveAsCopy, dismissConflict };
}
