"use client";
// The Git targets screen: repositories rendered manifests are committed to (GitOps). Everyone from editor
// up sees URL, branch and path; admins register (checked against the remote first), check and delete.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Activity, GitBranch, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, FormDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { EmptyState } from "@/components/shell/empty-state";
import { gitTargetsApi, type GitTargetCheckView, type GitTargetView } from "./api";
import styles from "./gitops.module.css";

export function GitTargetsPanel({ targets, canManage }: { targets: GitTargetView[]; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [registering, setRegistering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<GitTargetView | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<string, GitTargetCheckView | { ok: false; message: string }>>({});

  async function register(form: FormData) {
    const text = (k: string) => String(form.get(k) ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const t = await gitTargetsApi.register({
        name: text("name"),
        url: text("url"),
        auth: { kind: "https-token", token: String(form.get("token") ?? ""), username: text("username") || undefined },
        branch: text("branch") || undefined,
        pathTemplate: text("pathTemplate") || undefined,
        authorName: text("authorName") || undefined,
        authorEmail: text("authorEmail") || undefined,
        argoCdApplication: form.get("argoCdApplication") === "on",
      });
      toast.success(`${t.url} (${t.branch})`, `Git target ${t.name} registered`);
      setRegistering(false);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function check(t: GitTargetView) {
    setChecking(t.id);
    try {
      const result = await gitTargetsApi.check(t.id);
      setChecks((c) => ({ ...c, [t.id]: result }));
    } catch (e) {
      setChecks((c) => ({ ...c, [t.id]: { ok: false, message: (e as Error).message } }));
    } finally {
      setChecking(null);
    }
  }

  async function remove(t: GitTargetView) {
    setBusy(true);
    try {
      await gitTargetsApi.remove(t.id);
      toast.success(`${t.name} is no longer registered; past exports keep their commits.`, "Git target deleted");
      setDeleting(null);
      router.refresh();
    } catch (e) {
      toast.error((e as Error).message, `Could not delete ${t.name}`);
    } finally {
      setBusy(false);
    }
  }

  const registerButton = canManage ? (
    <Button
      variant="primary"
      icon={<Plus size={16} />}
      onClick={() => setRegistering(true)}
      data-testid="register-git-target"
    >
      Register Git target
    </Button>
  ) : null;

  return (
    <>
      {targets.length === 0 ? (
        <EmptyState
          icon={<GitBranch size={30} strokeWidth={1.75} />}
          title="No Git targets registered"
          actions={registerButton}
        >
          Register a repository to export designs to Git for Argo CD or Flux instead of deploying them directly. Tokens
          are encrypted at rest and never shown again.
          {!canManage ? " Ask an admin to register one." : ""}
        </EmptyState>
      ) : (
        <section className="card" aria-labelledby="git-targets-title">
          <div className="card-header">
            <div>
              <h2 id="git-targets-title">Git targets</h2>
              <p>
                Cluster nodes bound to one of these export their manifests as a folder per cluster, one commit per
                export.
              </p>
            </div>
            {registerButton}
          </div>
          <table className="table" data-testid="git-targets-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Repository</th>
                <th>Branch</th>
                <th>Path</th>
                <th>Commit author</th>
                <th className="actions">Actions</th>
              </tr>
            </thead>
            <tbody>
              {targets.map((t) => {
                const result = checks[t.id];
                return (
                  <tr key={t.id} data-testid={`git-target-row-${t.name}`}>
                    <td className="nowrap">
                      <strong>{t.name}</strong>
                      <div className="faint">{t.hasToken ? "token stored" : "no token"}</div>
                      {t.argoCdApplication ? <div className="faint">+ Argo CD Application</div> : null}
                    </td>
                    <td className={`wrap-anywhere ${styles.mono}`}>
                      {t.url}
                      {result ? (
                        <div
                          className={result.ok ? styles.ok : styles.bad}
                          role="status"
                          data-testid={`git-target-check-${t.name}`}
                        >
                          {result.message}
                        </div>
                      ) : null}
                    </td>
                    <td className={styles.mono}>{t.branch}</td>
                    <td className={styles.mono}>{t.pathTemplate}</td>
                    <td className="muted">
                      {t.authorName} <span className="faint">&lt;{t.authorEmail}&gt;</span>
                    </td>
                    <td className="actions">
                      {canManage ? (
                        <>
                          <Button
                            size="sm"
                            variant="ghost"
                            icon={<Activity size={14} />}
                            loading={checking === t.id}
                            onClick={() => void check(t)}
                            data-testid={`check-git-target-${t.name}`}
                          >
                            Check
                          </Button>
                          <Button
                            size="sm"
                            variant="danger-ghost"
                            icon={<Trash2 size={14} />}
                            onClick={() => setDeleting(t)}
                            aria-label={`Delete ${t.name}`}
                          >
                            Delete
                          </Button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}

      <FormDialog
        open={registering}
        onClose={() => {
          setRegistering(false);
          setError(null);
        }}
        title="Register Git target"
        description="The studio asks the repository whether this token may push before anything is stored."
        submitLabel="Check and register"
        busy={busy}
        onSubmit={(f) => void register(f)}
      >
        <Input
          name="name"
          label="Name"
          required
          pattern="[a-z0-9]([-a-z0-9]*[a-z0-9])?"
          placeholder="platform-manifests"
        />
        <Input
          name="url"
          label="Repository URL"
          required
          placeholder="https://github.com/acme/platform-manifests.git"
          hint="https only (plain http:// needs the workspace setting). ssh and git:// are not supported."
        />
        <Input
          name="token"
          label="Token"
          type="password"
          required
          autoComplete="off"
          hint="A token allowed to push; stored encrypted, never shown again."
        />
        <Input
          name="username"
          label="User name (optional)"
          placeholder="git"
          hint="GitLab wants oauth2; most hosts accept any name with a token."
        />
        <Input name="branch" label="Branch" defaultValue="main" />
        <Input
          name="pathTemplate"
          label="Path template"
          defaultValue="clusters/{cluster}/{design}"
          hint="Placeholders: {cluster}, {design} (the design's slug), {namespace}."
        />
        <Input name="authorName" label="Commit author" defaultValue="Topology Studio" />
        <Input name="authorEmail" label="Commit author email" type="email" defaultValue="topology-studio@localhost" />
        <label className={styles.checkbox}>
          <input type="checkbox" name="argoCdApplication" /> Also write an Argo CD Application per cluster folder
        </label>
        {error ? (
          <div className="alert alert-danger" role="alert" data-testid="git-target-error">
            {error}
          </div>
        ) : null}
      </FormDialog>

      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete ${deleting?.name ?? ""}?`}
        description="Cluster nodes bound to it can no longer export until bound to another target. Commits already pushed stay in the repository and in the history."
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button variant="danger" loading={busy} onClick={() => deleting && void remove(deleting)}>
              Delete
            </Button>
          </>
        }
      />
    </>
  );
}
