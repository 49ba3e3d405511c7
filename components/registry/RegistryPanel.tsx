"use client";
// The shape of an admin registry screen: an empty state that invites the first registration, or a card
// with the register action and a table of what is registered (its rows come from the screen), and the
// confirm-then-delete dialog. The words are the screen's, in one RegistryText constant.
import { useId, type ReactNode } from "react";
import { Activity, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/shell/empty-state";
import type { Registered, RegistryActions } from "./use-registry-actions";

export interface RegistryText {
  title: string;
  intro: string;
  empty: { title: string; text: string };
  register: { label: string; testId?: string };
  tableTestId: string;
  /** Column headings before the Actions column. */
  columns: string[];
  remove: {
    /** What deleting one means, in the confirmation. */
    description: string;
    confirmLabel?: string;
    done: { title: string; message: (name: string) => string };
  };
}

export interface RegistryPanelProps<T extends Registered> {
  text: RegistryText;
  /** The empty state's icon. */
  icon: ReactNode;
  items: T[];
  actions: RegistryActions<T>;
  /** Opens the screen's register dialog; null for someone who may not register. */
  onRegister: (() => void) | null;
  remove: (id: string) => Promise<unknown>;
  /** The table rows. */
  children: ReactNode;
}

export function RegistryPanel<T extends Registered>({
  text,
  icon,
  items,
  actions,
  onRegister,
  remove,
  children,
}: RegistryPanelProps<T>) {
  const titleId = useId();
  const registerButton = onRegister ? (
    <Button variant="primary" icon={<Plus size={16} />} onClick={onRegister} data-testid={text.register.testId}>
      {text.register.label}
    </Button>
  ) : null;
  return (
    <>
      {items.length === 0 ? (
        <EmptyState icon={icon} title={text.empty.title} actions={registerButton}>
          {text.empty.text}
          {!onRegister ? " Ask an admin to register one." : ""}
        </EmptyState>
      ) : (
        <section className="card" aria-labelledby={titleId}>
          <div className="card-header">
            <div>
              <h2 id={titleId}>{text.title}</h2>
              <p>{text.intro}</p>
            </div>
            {registerButton}
          </div>
          <table className="table" data-testid={text.tableTestId}>
            <thead>
              <tr>
                {text.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
                <th className="actions">Actions</th>
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </section>
      )}
      <ConfirmRemoveDialog
        name={actions.removing?.name ?? null}
        onClose={() => actions.askRemove(null)}
        busy={actions.busy}
        onConfirm={() => actions.confirmRemove(remove, text.remove.done)}
        description={text.remove.description}
        confirmLabel={text.remove.confirmLabel}
      />
    </>
  );
}

/** A row's check: a ghost button that spins while that row is being checked. */
export function CheckButton(p: { checking: boolean; onClick: () => void; label: string; testId?: string }) {
  return (
    <Button
      size="sm"
      variant="ghost"
      icon={<Activity size={14} />}
      loading={p.checking}
      onClick={p.onClick}
      data-testid={p.testId}
    >
      {p.label}
    </Button>
  );
}

/** A row's delete: opens the confirmation. */
export function RemoveButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <Button
      size="sm"
      variant="danger-ghost"
      icon={<Trash2 size={14} />}
      onClick={onClick}
      aria-label={`Delete ${name}`}
    >
      Delete
    </Button>
  );
}

/** "Delete X?" with what deleting it means, Cancel and a danger button. */
function ConfirmRemoveDialog(p: {
  /** The row awaiting confirmation; null keeps the dialog closed. */
  name: string | null;
  onClose: () => void;
  onConfirm: () => void;
  busy: boolean;
  description: string;
  confirmLabel?: string;
}) {
  return (
    <Dialog
      open={p.name !== null}
      onClose={p.onClose}
      title={`Delete ${p.name ?? ""}?`}
      description={p.description}
      footer={
        <>
          <Button onClick={p.onClose}>Cancel</Button>
          <Button variant="danger" loading={p.busy} onClick={p.onConfirm}>
            {p.confirmLabel ?? "Delete"}
          </Button>
        </>
      }
    />
  );
}
