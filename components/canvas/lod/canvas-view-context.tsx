"use client";
// View state of one canvas that nodes act on (which clusters are collapsed). It is not part of the design:
// collapsing is how this person looks at it, so it is neither saved nor undone.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { Component } from "@/lib/topology/design";

export interface CollapseControl {
  collapsed: ReadonlySet<string>;
  toggle(clusterId: string): void;
  /** Expand these clusters (those not collapsed are left alone). */
  expand(clusterIds: Iterable<string>): void;
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
  const expand = useCallback(
    (ids: Iterable<string>) =>
      setCollapsed((cur) => {
        const gone = [...ids].filter((id) => cur.has(id));
        return gone.length ? new Set([...cur].filter((id) => !gone.includes(id))) : cur;
      }),
    [],
  );
  return useMemo(() => ({ collapsed, toggle, expand }), [collapsed, toggle, expand]);
}

/**
 * A component selected from outside the canvas (search, a lint finding) inside a collapsed cluster: the
 * cluster opens, so what was asked for is on screen. A hidden component cannot be selected on the canvas.
 */
export function useRevealSelected(
  control: CollapseControl,
  selected: ReadonlySet<string>,
  byId: ReadonlyMap<string, Component>,
) {
  const { collapsed, expand } = control;
  // Only a new selection reveals: collapsing the cluster of a selected component keeps it collapsed.
  const seen = useRef(selected);
  useEffect(() => {
    if (seen.current === selected) return;
    seen.current = selected;
    const hidden = [...selected].map((id) => byId.get(id)?.cluster).filter((c): c is string => !!c && collapsed.has(c));
    if (hidden.length) expand(hidden);
  }, [selected, collapsed, expand, byId]);
}
