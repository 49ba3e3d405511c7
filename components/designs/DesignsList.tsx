"use client";
import "./designs.css";
import { useState } from "react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Boxes,
  CircleAlert,
  CircleCheck,
  Copy,
  Pencil,
  Plus,
  Search,
  SearchX,
  Trash2,
  TriangleAlert,
} from "lucide-react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { SyncBadge } from "@/components/sync/SyncBadge";
import { DeleteDesignDialog } from "@/components/deploy/DeleteDesignDialog";
import { designsApi, type DesignSummary } from "./api";
import {
  applyListQuery,
  DESIGN_SORTS,
  listQueryString,
  readListQuery,
  SORT_LABEL,
  type DesignSort,
  type ListQuery,
} from "./list-query";
import { plural } from "@/lib/text/plural";

export function relativeTime(iso: string, now = Date.now()): string {
  const s = Math.round((now - new Date(iso).getTime()) / 1000);
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 30) return `${plural(d, "day")} ago`;
  return new Date(iso).toLocaleDateString();
}

function LintSummary({ lint }: { lint: DesignSummary["lint"] }) {
  if (!lint.errors && !lint.warnings)
    return (
      <span className="badge badge-success">
        <CircleCheck size={12} aria-hidden /> clean
      </span>
    );
  return (
    <span className="ds-lint">
      {lint.errors > 0 && (
        <span className="badge badge-danger">
          <CircleAlert size={12} aria-hidden /> {plural(lint.errors, "error")}
        </span>
      )}
      {lint.warnings > 0 && (
        <span className="badge badge-warning">
          <TriangleAlert size={12} aria-hidden /> {plural(lint.warnings, "warning")}
        </span>
      )}
    </span>
  );
}

/** The list query, read from and written back to the URL without a navigation (Next keeps it in sync). */
function useListQuery(): [ListQuery, (next: ListQuery) => void] {
  const pathname = usePathname();
  const params = useSearchParams();
  const [query, setQuery] = useState(() => readListQuery(params));
  const update = (next: ListQuery) => {
    setQuery(next);
    window.history.replaceState(null, "", `${pathname}${listQueryString(next)}`);
  };
  return [query, update];
}

function ListToolbar({
  query,
  onChange,
  shown,
  total,
}: {
  query: ListQuery;
  onChange: (q: ListQuery) => void;
  shown: number;
  total: number;
}) {
  return (
    <div className="ds-toolbar">
      <label className="ds-search">
        <Search size={15} aria-hidden />
        <input
          type="search"
          className="input"
          aria-label="Search designs"
          placeholder="Search by name or description"
          value={query.q}
          onChange={(e) => onChange({ ...query, q: e.target.value })}
        />
      </label>
      <label className="ds-sort">
        <span className="muted">Sort</span>
        <select
          className="select"
          value={query.sort}
          onChange={(e) => onChange({ ...query, sort: e.target.value as DesignSort })}
        >
          {DESIGN_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <span className="muted ds-count" role="status">
        {shown === total ? plural(total, "design") : `${shown} of ${total} designs`}
      </span>
    </div>
  );
}

/** The Designs page body: every design with owner, revision, age and lint; search, sort, rename, duplicate, delete. */
export function DesignsList({ canEdit }: { canEdit: boolean }) {
  const toast = useToast();
  const [query, setQuery] = useListQuery();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ["designs"], queryFn: designsApi.list });
  const [renaming, setRenaming] = useState<DesignSummary | null>(null);
  const [newName, setNewName] = useState("");
  const [deleting, setDeleting] = useState<DesignSummary | null>(null);
  const done = () => qc.invalidateQueries({ queryKey: ["designs"] });
  const fail = (title: string) => (e: Error) => toast.error(e.message, title);

  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => designsApi.rename(id, name),
    onSuccess: () => {
      setRenaming(null);
      void done();
    },
    onError: fail("Rename failed"),
  });
  const duplicate = useMutation({
    mutationFn: (d: DesignSummary) => designsApi.duplicate(d.id, `${d.name} (copy)`.slice(0, 120)),
    onSuccess: () => {
      toast.success("Design duplicated");
      void done();
    },
    onError: fail("Duplicate failed"),
  });

  const header = (
    <div className="page-header">
      <div>
        <h1>Designs</h1>
        <p>Prometheus + Thanos topologies: draw, lint, review and deploy.</p>
      </div>
      {canEdit && (
        <div className="page-actions">
          <ButtonLink href="/designs/new" variant="primary" icon={<Plus size={16} />}>
            New design
          </ButtonLink>
        </div>
      )}
    </div>
  );

  if (q.isPending)
    return (
      <div className="page">
        {header}
        <div className="card ds-loading" role="status">
          Loading designs…
        </div>
      </div>
    );
  if (q.isError)
    return (
      <div className="page">
        {header}
        <div className="alert alert-danger" role="alert">
          Could not load designs: {q.error.message}
        </div>
      </div>
    );
  const designs = applyListQuery(q.data, query);

  return (
    <div className="page">
      {header}
      {q.data.length > 0 && (
        <ListToolbar query={query} onChange={setQuery} shown={designs.length} total={q.data.length} />
      )}
      {q.data.length > 0 && designs.length === 0 ? (
        <div className="card ds-empty">
          <SearchX size={30} strokeWidth={1.75} aria-hidden />
          <h2>No designs match “{query.q.trim()}”</h2>
          <p className="muted">Search looks in design names and descriptions. Try fewer or other words.</p>
          <Button onClick={() => setQuery({ ...query, q: "" })}>Clear search</Button>
        </div>
      ) : designs.length === 0 ? (
        <div className="card ds-empty">
          <Boxes size={30} strokeWidth={1.75} aria-hidden />
          <h2>No designs yet</h2>
          <p className="muted">
            A design describes your clusters, Prometheus shard groups, Thanos components and object stores. Start from a
            template or a blank canvas.
          </p>
          {canEdit && (
            <ButtonLink href="/designs/new" variant="primary" size="lg" icon={<Plus size={16} />}>
              Create your first design
            </ButtonLink>
          )}
        </div>
      ) : (
        <div className="card">
          <table className="table" aria-label="Designs">
            <thead>
              <tr>
                <th>Name</th>
                <th>Owner</th>
                <th>Revision</th>
                <th>Updated</th>
                <th>Lint</th>
                {canEdit && (
                  <th className="actions">
                    <span className="tc-sr">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {designs.map((d) => (
                <tr key={d.id}>
                  <td className="ds-name-cell">
                    <Link href={`/designs/${d.id}`} className="ds-name">
                      {d.name}
                    </Link>
                    <div className="ds-meta">
                      {d.description ? (
                        <span className="ds-description" title={d.description}>
                          {d.description}
                        </span>
                      ) : null}
                    </div>
                  </td>
                  <td className="muted">{d.owner.name}</td>
                  <td>
                    <span className="mono">r{d.latestRevision}</span>
                    {d.approvedRevision ? (
                      <span className="badge badge-success ds-approved">approved r{d.approvedRevision}</span>
                    ) : null}
                    <SyncBadge designId={d.id} />
                  </td>
                  <td
                    className="muted nowrap"
                    title={`Updated ${new Date(d.updatedAt).toLocaleString()} · created ${new Date(d.createdAt).toLocaleString()}`}
                  >
                    {relativeTime(d.updatedAt)}
                  </td>
                  <td>
                    <LintSummary lint={d.lint} />
                  </td>
                  {canEdit && (
                    <td className="actions">
                      <Button
                        variant="ghost"
                        size="sm"
                        icon={<Pencil size={14} />}
                        aria-label={`Rename ${d.name}`}
                        title="Rename"
                        onClick={() => {
                          setRenaming(d);
                          setNewName(d.name);
                        }}
                      />
                      <Button
                        variant="ghost"
                        size="sm"
                        icon={<Copy size={14} />}
                        aria-label={`Duplicate ${d.name}`}
                        title="Duplicate"
                        loading={duplicate.isPending && duplicate.variables?.id === d.id}
                        onClick={() => duplicate.mutate(d)}
                      />
                      <Button
                        variant="danger-ghost"
                        size="sm"
                        icon={<Trash2 size={14} />}
                        aria-label={`Delete ${d.name}`}
                        title="Delete"
                        onClick={() => setDeleting(d)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog
        open={!!renaming}
        onClose={() => setRenaming(null)}
        title="Rename design"
        onSubmit={() => renaming && newName.trim() && rename.mutate({ id: renaming.id, name: newName.trim() })}
        footer={
          <>
            <Button onClick={() => setRenaming(null)}>Cancel</Button>
            <Button type="submit" variant="primary" loading={rename.isPending} disabled={!newName.trim()}>
              Rename
            </Button>
          </>
        }
      >
        <Input label="Name" value={newName} maxLength={120} autoFocus onChange={(e) => setNewName(e.target.value)} />
      </Dialog>
      <DeleteDesignDialog
        design={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(from) => {
          setDeleting(null);
          toast.success(from.length ? `Undeployed from ${from.join(", ")}, then deleted` : "Design deleted");
          void done();
        }}
      />
    </div>
  );
}
