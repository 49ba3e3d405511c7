"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Copy, KeyRound, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { formatDate } from "./format";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
  /** Past its expiry when the page was rendered. */
  expired: boolean;
  /** Set in the admin's list of everyone's tokens. */
  user?: { id: string; email: string };
}

/** The caller's own tokens, or (`everyone`, admins) every user's, which admins can revoke but not create. */
export function TokensPanel({ tokens, everyone = false }: { tokens: TokenRow[]; everyone?: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(form: FormData) {
    setBusy(true);
    try {
      const days = Number(form.get("expiresInDays") || 0);
      const res = await fetchJson<{ token: string }>("/api/tokens", {
        body: { name: form.get("name"), ...(days > 0 ? { expiresInDays: days } : {}) },
      });
      setCreated(res.token);
      setCreating(false);
      router.refresh();
    } catch (err) {
      toast.error((err as Error).message, "Could not create the token");
    } finally {
      setBusy(false);
    }
  }

  async function revoke(t: TokenRow) {
    try {
      await fetchJson(`/api/tokens/${t.id}`, { method: "DELETE" });
      toast.success(`Token “${t.name}” was revoked.`);
      router.refresh();
    } catch (err) {
      toast.error((err as Error).message, "Could not revoke the token");
    }
  }

  return (
    <section
      className="card"
      id={everyone ? "all-tokens" : "tokens"}
      aria-labelledby={everyone ? "all-tokens-title" : "tokens-title"}
    >
      <div className="card-header">
        <div>
          <h2 id={everyone ? "all-tokens-title" : "tokens-title"}>
            {everyone ? "Everyone's API tokens" : "API tokens"}
          </h2>
          <p>
            {everyone ? (
              "Every user's tokens; revoke one that should not work any more."
            ) : (
              <>
                For scripts and CI: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with your role;
                changing your password revokes them all.
              </>
            )}
          </p>
        </div>
        {everyone ? null : (
          <Button icon={<Plus size={16} />} onClick={() => setCreating(true)}>
            New token
          </Button>
        )}
      </div>
      {created ? (
        <div className="card-body" style={{ borderBottom: "1px solid var(--border)" }}>
          <div className="alert alert-success" style={{ marginBottom: 10 }}>
            Copy your new token now — it will not be shown again.
          </div>
          <div className="secret-box">
            <code data-testid="new-token">{created}</code>
            <Button
              size="sm"
              icon={<Copy size={14} />}
              onClick={() =>
                navigator.clipboard?.writeText(created).then(() => toast.success("Copied to the clipboard."))
              }
            >
              Copy
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <div className="card-body muted" style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <KeyRound size={16} /> {everyone ? "Nobody has API tokens." : "You have no API tokens."}
        </div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              {everyone ? <th>Owner</th> : null}
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th>Status</th>
              <th className="actions" />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>
                  <strong>{t.name}</strong>
                </td>
                {everyone ? <td className="muted wrap-anywhere">{t.user?.email}</td> : null}
                <td className="mono muted">{t.prefix}…</td>
                <td className="muted nowrap">{formatDate(t.createdAt)}</td>
                <td className="muted nowrap">{t.lastUsedAt ? formatDate(t.lastUsedAt) : "never"}</td>
                <td className="muted nowrap">{t.expiresAt ? formatDate(t.expiresAt) : "never"}</td>
                <td>
                  {t.revokedAt ? (
                    <span className="badge">Revoked</span>
                  ) : t.expired ? (
                    <span className="badge">Expired</span>
                  ) : (
                    <span className="badge badge-success">Active</span>
                  )}
                </td>
                <td className="actions">
                  {t.revokedAt ? null : (
                    <Button size="sm" variant="danger-ghost" onClick={() => revoke(t)}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormDialog
        open={creating}
        onClose={() => setCreating(false)}
        title="New API token"
        description="Name it after what will use it, so you know what breaks when you revoke it."
        submitLabel="Create token"
        busy={busy}
        onSubmit={create}
      >
        <Input label="Name" name="name" required placeholder="e.g. ci-deploy" autoComplete="off" />
        <Input
          label="Expires after (days)"
          name="expiresInDays"
          type="number"
          min={1}
          max={3660}
          placeholder="never"
          autoComplete="off"
        />
      </FormDialog>
    </section>
  );
}
