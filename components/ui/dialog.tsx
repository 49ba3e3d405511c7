"use client";
// A modal built on the native <dialog> (focus trap, Escape and backdrop handled by the browser).
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** Wraps body + footer in a form so Enter submits. */
  onSubmit?: (e: React.FormEvent<HTMLFormElement>) => void;
  width?: number;
}

export function Dialog({ open, onClose, title, description, children, footer, onSubmit, width }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // Unique per dialog: several dialogs can be mounted on one page (closed ones stay in the DOM).
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  const content = (
    <>
      <div className="dialog-body">{children}</div>
      {footer ? <div className="dialog-footer">{footer}</div> : null}
    </>
  );
  return (
    <dialog
      ref={ref}
      className="dialog"
      style={width ? { width: `min(${width}px, calc(100vw - 32px))` } : undefined}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      aria-labelledby={titleId}
    >
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        {description ? <p>{description}</p> : null}
      </div>
      {onSubmit ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit(e);
          }}
        >
          {content}
        </form>
      ) : (
        content
      )}
    </dialog>
  );
}

export interface FormDialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  submitLabel: ReactNode;
  busy?: boolean;
  onSubmit: (form: FormData) => void;
  children?: ReactNode;
}

/** The common case: a dialog holding a form with Cancel + a primary submit button. */
export function FormDialog({
  open,
  onClose,
  title,
  description,
  submitLabel,
  busy,
  onSubmit,
  children,
}: FormDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      onSubmit={(e) => onSubmit(new FormData(e.currentTarget))}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={busy}>
            {submitLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
