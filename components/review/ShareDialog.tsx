"use client";
// Share dialog: create a review link (latest or a fixed revision, optional expiry, comments on/off),
// copy its URL (shown once: only a hash is stored), list existing links and revoke them.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, Link2, Share2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import type { ShareInfo } from "@/server/shares/service";
import styles from "./review.module.css";

const EXPIRY = [
  { key: "never", label: "Never", hours: 0 },
  { key: "1d", label: "1 day", hours: 24 },
  { key: "7d", label: "7 days", hours: 24 * 7 },
  { key: "30d", label: "30 days", hours: 24 * 30 },
] as const;

/** The expiry instant `hours` from now (null: never), taken when the link is created. */
function expiresAt(hours: number): string | null {
  return hours ? new Date(Date.now() + hours * 3_600_000).toISOString() : null;
}

interface Props {
  designId: string;
  /** The revision the editor shows (offered as the fixed revision). */
  revision: number;
  canShare: boolean;
}

export function ShareButton(props: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="sm"
        icon={<Share2 size={15} />}
        onClick={() => setOpen(true)}
        aria-label="Share"
        title="Share a review link"
        data-testid="share-button"
      >
        <span className="tc-hide-narrow">Share</span>
      </Button>
      {open && <ShareDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Mounted while open: the link list is read when it opens. */
function ShareDialog({ designId, revision, canShare, onClose }: Props & { onClose(): void }) {
  const toast = useToast();
  const [mode, setMode] = useState<"latest" | "fixed">("latest");
  const [expiry, setExpiry] = useState<(typeof EXPIRY)[number]["key"]>("7d");
  const [allowComments, setAllowComments] = useState(true);
  const [allowStatus, setAllowStatus] = useState(false);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const sharesUrl = `/api/designs/${encodeURIComponent(designId)}/shares`;
  const sharesKey = ["design", designId, "shares"];
  const qc = useQueryClient();
  const { data: links = null } = useQuery({
    queryKey: sharesKey,
    queryFn: () =>
      fetchJson<{ shares: ShareInfo[] }>(sharesUrl).then(
        (r) => r.shares,
        (e: Error) => {
          toast.error(e.message, "Could not load share links");
          throw e;
        },
      ),
    retry: false,
    staleTime: 0,
  });
  const load = () => qc.invalidateQueries({ queryKey: sharesKey });

  async function create() {
    setBusy(true);
    try {
      const hours = EXPIRY.find((e) => e.key === expiry)!.hours;
      const res = await fetchJson<{ url: string }>(sharesUrl, {
        body: {
          revision: mode === "latest" ? "latest" : revision,
          expiresAt: expiresAt(hours),
          allowComments,
          allowStatus,
        },
      });
      setCreated(res.url);
      await load();
    } catch (e) {
      toast.error((e as Error).message, "Could not create the link");
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    try {
      await fetchJson(`${sharesUrl}/${encodeURIComponent(id)}`, { method: "DELETE" });
      toast.success("The link no longer opens.", "Link revoked");
      await load();
    } catch (e) {
      toast.error((e as Error).message, "Could not revoke the link");
    }
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      toast.success("Link copied to the clipboard.");
    } catch {
      toast.info("Select the link and copy it.");
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      width={760}
      title="Share for review"
      description="Anyone with the link can view this design read-only, without signing in. Secret values are always masked."
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <div className={styles.shareForm}>
        {canShare ? (
          <>
            <div className="field">
              <span className="field-label">Shows</span>
              <div className={styles.segmented} role="group" aria-label="Revision shown">
                <button type="button" aria-pressed={mode === "latest"} onClick={() => setMode("latest")}>
                  Latest revision
                </button>
                <button type="button" aria-pressed={mode === "fixed"} onClick={() => setMode("fixed")}>
                  Revision {revision} only
                </button>
              </div>
              <span className="field-hint">
                {mode === "latest"
                  ? "Follows new saves; viewers can pick and compare revisions."
                  : `Pinned to revision ${revision}, whatever is saved later.`}
              </span>
            </div>
            <div className="field">
              <span className="field-label">Expires</span>
              <div className={styles.segmented} role="group" aria-label="Expiry">
                {EXPIRY.map((e) => (
                  <button key={e.key} type="button" aria-pressed={expiry === e.key} onClick={() => setExpiry(e.key)}>
                    {e.label}
                  </button>
                ))}
              </div>
            </div>
            <label className={styles.toggleRow}>
              <input
                type="checkbox"
                className="switch"
                checked={allowComments}
                onChange={(e) => setAllowComments(e.target.checked)}
              />
              Viewers can comment (under a name they give)
            </label>
            <label className={styles.toggleRow}>
              <input
                type="checkbox"
                className="switch"
                checked={allowStatus}
                onChange={(e) => setAllowStatus(e.target.checked)}
              />
              Viewers can see live status (health of the deployed components, stores, bucket uploads)
            </label>
            <div>
              <Button
                variant="primary"
                icon={<Link2 size={15} />}
                loading={busy}
                onClick={create}
                data-testid="create-share"
              >
                Create link
              </Button>
            </div>
            {created && (
              <div className={styles.created} data-testid="share-created">
                <strong>Link created. Copy it now: it is shown only once.</strong>
                <div className={styles.urlRow}>
                  <input
                    className="input"
                    readOnly
                    value={created}
                    aria-label="Share link"
                    data-testid="share-url"
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  <Button size="sm" icon={<Copy size={14} />} onClick={() => copy(created)}>
                    Copy
                  </Button>
                </div>
              </div>
            )}
          </>
        ) : (
          <div className="alert alert-info">Creating and revoking links needs the editor role.</div>
        )}

        <h3 className={styles.sectionTitle}>Links</h3>
        {links === null ? (
          <p className="muted">Loading…</p>
        ) : links.length === 0 ? (
          <p className="muted">No links yet.</p>
        ) : (
          <table className={styles.linkTable} data-testid="share-list">
            <thead>
              <tr>
                <th>Created</th>
                <th>By</th>
                <th>Shows</th>
                <th>Expires</th>
                <th>State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id} className={l.state === "active" ? undefined : styles.inactive}>
                  <td className="nowrap">{formatTime(l.createdAt)}</td>
                  <td>{l.createdBy.name}</td>
                  <td>
                    {l.revision === null ? "latest" : `revision ${l.revision}`}
                    {l.allowComments ? " · comments" : ""}
                    {l.allowStatus ? " · status" : ""}
                  </td>
                  <td className="nowrap">{l.expiresAt ? formatTime(l.expiresAt) : "never"}</td>
                  <td>
                    <span
                      className={`badge ${l.state === "active" ? "badge-success" : l.state === "revoked" ? "badge-danger" : ""}`}
                    >
                      {l.state}
                    </span>
                  </td>
                  <td style={{ textAlign: "right" }}>
                    {canShare && l.state === "active" && (
                      <Button
                        size="sm"
                        variant="danger-ghost"
                        onClick={() => revoke(l.id)}
                        aria-label={`Revoke link created ${formatTime(l.createdAt)}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Dialog>
  );
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  const sameYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleString(undefined, {
    ...(sameYear ? {} : { year: "numeric" }),
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}
