"use client";
// Lint errors stop Plan and Deploy: this names them where the buttons are, and offers the one way past
// them, "Deploy anyway…", which asks for a reason (kept with the plan, the run and the audit log).
import { useState } from "react";
import { AlertTriangle, ShieldAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { LintBlock as Finding } from "./api";
import styles from "./deploy.module.css";

/** The server's limits on an override reason (server/deployments/safety.ts). */
export const REASON_MIN = 10;
export const REASON_MAX = 500;

export function LintBlock({
  findings,
  overrideReason,
  onDeployAnyway,
}: {
  findings: Finding[];
  /** Set once the user chose to deploy anyway: the block is then shown as overridden. */
  overrideReason: string | null;
  onDeployAnyway: () => void;
}) {
  const count = `${findings.length} lint error${findings.length === 1 ? "" : "s"}`;
  return (
    <div
      className={`alert ${overrideReason ? "alert-warning" : "alert-danger"}`}
      role="alert"
      data-testid="lint-block"
      data-overridden={overrideReason ? "true" : "false"}
    >
      <AlertTriangle size={16} aria-hidden />
      <div>
        <strong>
          {overrideReason
            ? `Deploying despite ${count}`
            : `${count} block${findings.length === 1 ? "s" : ""} Plan and Deploy`}
        </strong>
        <ul className={styles.errorList}>
          {findings.slice(0, 6).map((f, i) => (
            <li key={`${f.rule}-${i}`}>
              <code>{f.rule}</code>
              {f.component ? (
                <>
                  {" "}
                  on <strong>{f.component}</strong>
                </>
              ) : null}
              : {f.message}
            </li>
          ))}
          {findings.length > 6 ? <li>and {findings.length - 6} more (see the Lint panel)</li> : null}
        </ul>
        {overrideReason ? (
          <p data-testid="override-reason">
            Reason given: <em>{overrideReason}</em>
          </p>
        ) : (
          <p>
            Fix them in the editor and save, or, if deploying this revision is right anyway, say why.{" "}
            <Button
              size="sm"
              variant="danger"
              icon={<ShieldAlert size={14} />}
              onClick={onDeployAnyway}
              data-testid="deploy-anyway"
            >
              Deploy anyway…
            </Button>
          </p>
        )}
      </div>
    </div>
  );
}

export function OverrideDialog({
  open,
  errors,
  onClose,
  onConfirm,
}: {
  open: boolean;
  errors: number;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState("");
  const trimmed = reason.trim();
  const problem =
    trimmed.length < REASON_MIN
      ? `Say why in at least ${REASON_MIN} characters.`
      : trimmed.length > REASON_MAX
        ? `At most ${REASON_MAX} characters.`
        : null;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Deploy despite lint errors?"
      description={`This revision has ${errors} lint error${errors === 1 ? "" : "s"}. Your reason is kept in the deployment history and the audit log, with your name.`}
      onSubmit={() => {
        if (!problem) onConfirm(trimmed);
      }}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={!!problem} data-testid="override-confirm">
            Plan with this reason
          </Button>
        </>
      }
    >
      <div className="field">
        <label className="field-label" htmlFor="override-reason">
          Reason
        </label>
        <textarea
          id="override-reason"
          className="textarea"
          rows={3}
          maxLength={REASON_MAX + 50}
          value={reason}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. INC-42: the second compactor is drained by hand before this rollout"
          data-testid="override-input"
        />
        <span className="field-hint">{problem ?? `${trimmed.length}/${REASON_MAX}`}</span>
      </div>
    </Dialog>
  );
}
