"use client";
// The last look before a deploy: which registered cluster (name and server), which namespace, and what the
// plan will do there. For a production cluster the user types its name, so a deploy is never one stray click.
import { useState } from "react";
import { Rocket, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { PlanView as Plan } from "./api";
import styles from "./deploy.module.css";

const COUNTS: { key: keyof Plan["summary"]; label: string }[] = [
  { key: "create", label: "create" },
  { key: "update", label: "update" },
  { key: "prune", label: "delete" },
  { key: "unchanged", label: "unchanged" },
];

export function ConfirmDeploy({
  plan,
  busy,
  onClose,
  onConfirm,
}: {
  /** The plan to deploy; null keeps the dialog closed. */
  plan: Plan | null;
  busy: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const [typed, setTyped] = useState("");
  const production = !!plan?.cluster.production;
  const ready = !!plan && (!production || typed.trim() === plan.cluster.name);
  const close = () => {
    setTyped("");
    onClose();
  };
  return (
    <Dialog
      open={!!plan}
      onClose={close}
      width={520}
      title={plan ? `Deploy revision ${plan.revision} to ${plan.cluster.name}?` : "Deploy"}
      onSubmit={() => {
        if (ready) onConfirm();
      }}
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button
            type="submit"
            variant={production ? "danger" : "primary"}
            icon={<Rocket size={16} />}
            loading={busy}
            disabled={!ready}
            data-testid="confirm-deploy"
          >
            Deploy
          </Button>
        </>
      }
    >
      {plan ? (
        <div data-testid="confirm-deploy-dialog">
          <dl className={styles.confirmFacts}>
            <dt>Cluster</dt>
            <dd>
              <strong data-testid="confirm-cluster">{plan.cluster.name}</strong>{" "}
              {production ? (
                <span className="badge badge-danger" data-testid="production-badge">
                  <ShieldCheck size={12} aria-hidden /> production
                </span>
              ) : null}
              <div className="faint">{plan.cluster.server}</div>
            </dd>
            <dt>Namespace</dt>
            <dd data-testid="confirm-namespace">{plan.namespace}</dd>
            <dt>Objects</dt>
            <dd className={styles.summary}>
              {COUNTS.map(({ key, label }) => (
                <span
                  key={key}
                  className={`${styles.chip} ${styles[`chip-${key}`]} ${plan.summary[key] === 0 ? styles.chipZero : ""}`}
                  data-testid={`confirm-count-${label}`}
                  data-count={plan.summary[key]}
                >
                  <strong>{plan.summary[key]}</strong> {label}
                </span>
              ))}
            </dd>
          </dl>
          {plan.overrideReason ? (
            <p className={styles.warn}>Despite lint errors, because: {plan.overrideReason}</p>
          ) : null}
          {production ? (
            <div className="field">
              <label className="field-label" htmlFor="confirm-cluster-name">
                Type <strong>{plan.cluster.name}</strong> to confirm a production deploy
              </label>
              <input
                id="confirm-cluster-name"
                className="input"
                autoComplete="off"
                value={typed}
                autoFocus
                onChange={(e) => setTyped(e.target.value)}
                data-testid="confirm-cluster-input"
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
