"use client";
// With unsaved changes, closing the tab or following an in-app link asks first.
import { useCallback, useEffect, useState } from "react";
import { useRouter } from "next/navigation";

export function useLeaveGuard(dirty: boolean, discard: () => void) {
  const router = useRouter();
  // Where an intercepted link was going; non-null while the "Leave without saving?" dialog is open.
  const [leaveTo, setLeaveTo] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as HTMLElement | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.hasAttribute("download")) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname === location.pathname) return;
      e.preventDefault();
      e.stopPropagation();
      setLeaveTo(url.pathname + url.search);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  const stay = useCallback(() => setLeaveTo(null), []);
  const leave = useCallback(() => {
    if (leaveTo === null) return;
    discard();
    setLeaveTo(null);
    router.push(leaveTo);
  }, [leaveTo, discard, router]);

  return { leaving: leaveTo !== null, stay, leave };
}
