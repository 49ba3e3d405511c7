"use client";
// App-wide toasts. <ToastProvider> sits in the root layout; any client component calls
//   const toast = useToast(); toast.error("Could not save"); toast.success("Saved");
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { X } from "lucide-react";

export type ToastKind = "info" | "success" | "error";
interface ToastItem {
  id: number;
  kind: ToastKind;
  title?: string;
  message: string;
}

export interface ToastApi {
  show(message: string, opts?: { kind?: ToastKind; title?: string; durationMs?: number }): void;
  success(message: string, title?: string): void;
  error(message: string, title?: string): void;
  info(message: string, title?: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const layer = useRef<HTMLDivElement>(null);
  // Toasts live in the browser's top layer (a manual popover), re-opened on every change so they stay
  // above any modal <dialog> that opened after them; otherwise a dialog's error toast would be hidden.
  useEffect(() => {
    const el = layer.current as (HTMLDivElement & { showPopover?: () => void; hidePopover?: () => void }) | null;
    if (!el?.showPopover) return;
    try {
      if (el.matches(":popover-open")) el.hidePopover!();
      if (items.length > 0) el.showPopover();
    } catch {
      // popover unsupported: the fixed-position container still shows the toasts
    }
  }, [items]);
  const dismiss = useCallback((id: number) => setItems((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback<ToastApi["show"]>(
    (message, opts = {}) => {
      const id = nextId.current++;
      const kind = opts.kind ?? "info";
      setItems((all) => [...all.slice(-4), { id, kind, title: opts.title, message }]);
      // Errors stay longer: people need time to read what went wrong.
      setTimeout(() => dismiss(id), opts.durationMs ?? (kind === "error" ? 8000 : 4000));
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      show,
      success: (m, title) => show(m, { kind: "success", title }),
      error: (m, title) => show(m, { kind: "error", title }),
      info: (m, title) => show(m, { kind: "info", title }),
    }),
    [show],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" aria-live="polite" ref={layer} popover="manual">
        {items.map((t) => (
          <div
            key={t.id}
            className={`toast toast-${t.kind}`}
            role={t.kind === "error" ? "alert" : "status"}
            data-testid="toast"
          >
            <div className="toast-message">
              {t.title ? <div className="toast-title">{t.title}</div> : null}
              <div>{t.message}</div>
            </div>
            <button className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              <X size={16} />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error("useToast() needs <ToastProvider> (it is in app/layout.tsx)");
  return ctx;
}
