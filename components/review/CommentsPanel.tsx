"use client";
// Review comments beside a canvas: threads anchored to a component or to the design, replies, resolve.
// Used by the editor (signed-in: author = account) and the share page (guest: author = a display name,
// remembered in localStorage). Polls so comments written elsewhere show up without a reload.
import { memo, useMemo, useState } from "react";
import { Check, MessageSquare, RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { CommentView } from "@/server/comments/service";
import type { PanelSource } from "@/components/source/source";
import { useCommentActions, useComments, type NewComment } from "@/components/source/queries";
import { formatTime } from "./ShareDialog";
import styles from "./review.module.css";

interface Props {
  /** A design (signed in: the author is the account) or a share link (a guest gives a display name). */
  source: PanelSource;
  selectedComponentId?: string | null;
  onSelectComponent?: (id: string) => void;
  /** The viewer may resolve and reopen threads (editors and up, never guests). */
  canResolve?: boolean;
  pollMs?: number;
}

const NAME_KEY = "topology-studio.review-name";

// The panel mounts only on the client (a side tab opened by a click), so localStorage is there to read.
const rememberedName = () => (typeof window === "undefined" ? "" : (localStorage.getItem(NAME_KEY) ?? ""));

export const CommentsPanel = memo(function CommentsPanel({
  source,
  selectedComponentId,
  onSelectComponent,
  canResolve = false,
  pollMs = 10_000,
}: Props) {
  const toast = useToast();
  const guest = source.kind === "share";
  const { data: threads = null } = useComments(source, pollMs);
  const { post: postComment, resolve: resolveThread } = useCommentActions(source);
  const [onlySelected, setOnlySelected] = useState(false);
  const [showResolved, setShowResolved] = useState(false);
  const [body, setBody] = useState("");
  const [anchorSelected, setAnchorSelected] = useState(true);
  const [name, setName] = useState(() => (guest ? rememberedName() : ""));
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [replyBody, setReplyBody] = useState("");
  const busy = postComment.isPending;
  const components = source.document.components;
  const names = useMemo(() => new Map(components.map((c) => [c.id, c.name])), [components]);

  async function post(payload: NewComment) {
    if (guest && !name.trim()) {
      toast.error("Give your name so others know who wrote this.");
      return false;
    }
    try {
      if (guest) localStorage.setItem(NAME_KEY, name.trim());
      await postComment.mutateAsync({ ...payload, ...(guest ? { displayName: name.trim() } : {}) });
      return true;
    } catch (e) {
      toast.error((e as Error).message, "Comment not posted");
      return false;
    }
  }

  function resolve(id: string, resolved: boolean) {
    resolveThread.mutate({ id, resolved }, { onError: (e) => toast.error(e.message, "Could not update the thread") });
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
                {canResolve &&
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
});

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
