"use client";
// Review comments beside a canvas: threads anchored to a component or to the design, replies, resolve.
// Used by the editor (signed-in: author = account) and the share page (guest: author = a display name,
// remembered in localStorage). Polls so comments written elsewhere show up without a reload.
import { useCallback, useEffect, useMemo, useState } from "react";
import { Check, MessageSquare, RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import type { CommentThread, CommentView } from "@/server/comments/service";
import { formatTime } from "./ShareDialog";
import styles from "./review.module.css";

export interface CommentsSource {
  /** GET → {comments} ; POST {body, componentId?, parentId?, revision?, displayName?} */
  url: string;
  /** PATCH {resolved} for a thread, when the viewer may resolve. */
  resolveUrl?: (commentId: string) => string;
}

interface Props {
  source: CommentsSource;
  /** Guests must give a display name. */
  guest: boolean;
  components: { id: string; name: string }[];
  selectedComponentId?: string | null;
  onSelectComponent?: (id: string) => void;
  /** The revision on screen, recorded with new comments. */
  revision?: number;
  pollMs?: number;
}

const NAME_KEY = "topology-studio.review-name";

export function CommentsPanel({
  source,
  guest,
  components,
  selectedComponentId,
  onSelectComponent,
  revision,
  pollMs = 10_000,
}: Props) {
  const toast = useToast();
  const [threads, setThreads] = useState<CommentThread[] | null>(null);
  const [onlySelected, setOnlySelected] = useState(false);
  const [showResolved, setShowResolved] = useState(false);
  const [body, setBody] = useState("");
  const [anchorSelected, setAnchorSelected] = useState(true);
  const [name, setName] = useState("");
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [replyBody, setReplyBody] = useState("");
  const [busy, setBusy] = useState(false);
  const names = useMemo(() => new Map(components.map((c) => [c.id, c.name])), [components]);

  useEffect(() => {
    if (guest) setName(localStorage.getItem(NAME_KEY) ?? "");
  }, [guest]);

  const load = useCallback(async () => {
    try {
      const res = await fetchJson<{ comments: CommentThread[] }>(source.url);
      setThreads(res.comments);
    } catch {
      // keep what is shown; the next poll tries again
    }
  }, [source.url]);

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), pollMs);
    return () => clearInterval(t);
  }, [load, pollMs]);

  async function post(payload: { body: string; componentId?: string | null; parentId?: string }) {
    if (guest && !name.trim()) {
      toast.error("Give your name so others know who wrote this.");
      return false;
    }
    setBusy(true);
    try {
      if (guest) localStorage.setItem(NAME_KEY, name.trim());
      await fetchJson(source.url, { body: { ...payload, revision, ...(guest ? { displayName: name.trim() } : {}) } });
      await load();
      return true;
    } catch (e) {
      toast.error((e as Error).message, "Comment not posted");
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function resolve(id: string, resolved: boolean) {
    if (!source.resolveUrl) return;
    try {
      await fetchJson(source.resolveUrl(id), { method: "PATCH", body: { resolved } });
      await load();
    } catch (e) {
      toast.error((e as Error).message, "Could not update the thread");
    }
  }

  const shown = (threads ?? []).filter(
    (t) =>
      (showResolved || !t.resolvedAt) &&
      (!onlySelected || !selectedComponentId || t.componentId === selectedComponentId),
  );
  const openCount = (threads ?? []).filter((t) => !t.resolvedAt).length;
  const selectedName = selectedComponentId ? names.get(selectedComponentId) : undefined;

  return (
    <section className={styles.comments} aria-label="Comments" data-testid="comments-panel">
      <div className={styles.commentsHeader}>
        <h3>
          Comments <span className="badge">{openCount} open</span>
        </h3>
        <div className={styles.filters}>
          {selectedName && (
            <label>
              <input type="checkbox" checked={onlySelected} onChange={(e) => setOnlySelected(e.target.checked)} /> only{" "}
              {selectedName}
            </label>
          )}
          <label>
            <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />{" "}
            resolved
          </label>
        </div>
      </div>

      {threads === null ? (
        <p className={styles.empty}>Loading…</p>
      ) : shown.length === 0 ? (
        <p className={styles.empty}>
          {threads.length === 0 ? "No comments yet." : "Nothing to show with these filters."}
        </p>
      ) : (
        shown.map((t) => (
          <article
            key={t.id}
            className={[
              styles.thread,
              t.resolvedAt && styles.resolved,
              t.componentId && t.componentId === selectedComponentId && styles.focused,
            ]
              .filter(Boolean)
              .join(" ")}
            data-testid="comment-thread"
          >
            <CommentItem
              c={t}
              anchorName={
                t.componentId ? (names.get(t.componentId) ?? `${t.componentId} (not in this revision)`) : "design"
              }
              onAnchor={
                t.componentId && names.has(t.componentId) ? () => onSelectComponent?.(t.componentId!) : undefined
              }
            />
            {t.replies.map((r) => (
              <div key={r.id} className={styles.reply}>
                <CommentItem c={r} />
              </div>
            ))}
            {replyTo === t.id ? (
              <form
                className={styles.composer}
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (await post({ body: replyBody, parentId: t.id })) {
                    setReplyBody("");
                    setReplyTo(null);
                  }
                }}
              >
                <textarea
                  className="textarea"
                  aria-label="Reply"
                  value={replyBody}
                  onChange={(e) => setReplyBody(e.target.value)}
                  autoFocus
                  maxLength={4000}
                />
                <div className={styles.threadActions}>
                  <Button type="submit" size="sm" variant="primary" loading={busy} disabled={!replyBody.trim()}>
                    Reply
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setReplyTo(null)}>
                    Cancel
                  </Button>
                </div>
              </form>
            ) : (
              <div className={styles.threadActions}>
                <Button size="sm" variant="ghost" icon={<MessageSquare size={14} />} onClick={() => setReplyTo(t.id)}>
                  Reply
                </Button>
                {source.resolveUrl &&
                  (t.resolvedAt ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={<RotateCcw size={14} />}
                      onClick={() => resolve(t.id, false)}
                    >
                      Reopen
                    </Button>
                  ) : (
                    <Button size="sm" variant="ghost" icon={<Check size={14} />} onClick={() => resolve(t.id, true)}>
                      Resolve
                    </Button>
                  ))}
              </div>
            )}
          </article>
        ))
      )}

      <form
        className={styles.composer}
        onSubmit={async (e) => {
          e.preventDefault();
          if (await post({ body, componentId: anchorSelected && selectedComponentId ? selectedComponentId : null }))
            setBody("");
        }}
      >
        {guest && (
          <input
            className="input"
            aria-label="Your name"
            placeholder="Your name"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
          />
        )}
        <textarea
          className="textarea"
          aria-label="New comment"
          placeholder={selectedName && anchorSelected ? `Comment on ${selectedName}…` : "Comment on the design…"}
          value={body}
          maxLength={4000}
          onChange={(e) => setBody(e.target.value)}
        />
        <div className={styles.composerRow}>
          {selectedName ? (
            <label className={styles.filters}>
              <input type="checkbox" checked={anchorSelected} onChange={(e) => setAnchorSelected(e.target.checked)} />{" "}
              about {selectedName}
            </label>
          ) : (
            <span className="faint" style={{ fontSize: 12 }}>
              Select a component to comment on it.
            </span>
          )}
          <Button
            type="submit"
            size="sm"
            variant="primary"
            loading={busy}
            disabled={!body.trim()}
            data-testid="post-comment"
          >
            Comment
          </Button>
        </div>
      </form>
    </section>
  );
}

function CommentItem({ c, anchorName, onAnchor }: { c: CommentView; anchorName?: string; onAnchor?: () => void }) {
  return (
    <div className={styles.comment}>
      <div className={styles.meta}>
        <span className={styles.author}>{c.authorName}</span>
        {!c.signedIn && <span className="badge">guest</span>}
        <span>{formatTime(c.createdAt)}</span>
        {c.revision !== null && <span>· r{c.revision}</span>}
        {anchorName && (
          <button
            type="button"
            className={styles.anchor}
            onClick={onAnchor}
            disabled={!onAnchor}
            title={onAnchor ? "Select on the canvas" : undefined}
          >
            {anchorName}
          </button>
        )}
        {c.resolvedAt && <span className="badge badge-success">resolved</span>}
      </div>
      <p className={styles.body}>{c.body}</p>
    </div>
  );
}
