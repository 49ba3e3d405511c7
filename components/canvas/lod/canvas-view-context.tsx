"use client";
// View state of one canvas that nodes act on (which clusters are collapsed). It is not part of the design:
// collapsing is how this person looks at it, so it is neither saved nor undone.
import { createContext, useCallback, useContext, useMemo, useState } from "react";

export interface CollapseControl {
  collapsed: ReadonlySet<string>;
  toggle(clusterId: string): void;
}

const CollapseContext = createContext<CollapseControl | null>(null);
export const CollapseProvider = CollapseContext.Provider;

/** The collapse toggle for cluster headers; null where a node is drawn outside a canvas (tests, thumbnails). */
export function useCollapseControl(): CollapseControl | null {
  return useContext(CollapseContext);
}

export function useCollapsedClusters(): CollapseControl {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (id: string) =>
      setCollapsed((cur) => {
        const next = new Set(cur);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  return useMemo(() => ({ collapsed, toggle }), [collapsed, toggle]);
}
