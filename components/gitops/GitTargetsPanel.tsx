"use client";
// The Git targets screen: repositories rendered manifests are committed to (GitOps). Everyone from editor
// up sees URL, branch and path; admins register (checked against the remote first), check and delete.
import { useState } from "react";
import { GitBranch } from "lucide-react";
import { FormDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { CheckButton, RegistryPanel, RemoveButton, type RegistryText } from "@/components/registry/RegistryPanel";
import { useRegistryActions, type CheckOutcome } from "@/components/registry/use-registry-actions";
import { gitTargetsApi, type GitTargetCheckView, type GitTargetView } from "./api";
import styles from "./gitops.module.css";

const GIT_TARGETS_TEXT: RegistryText = {
  title: "Git targets",
  intro: "Cluster nodes bound to one of these export their manifests as a folder per cluster, one commit per export.",
  empty: {
    title: "No Git targets registered",
    text: "Register a repository to export designs to Git for Argo CD or Flux instead of deploying them directly. Tokens are encrypted at rest and never shown again.",
  },
  register: { label: "Register Git target", testId: "register-git-target" },
  tableTestId: "git-targets-table",
  columns: ["Name", "Repository", "Branch", "Path", "Commit author"],
  remove: {
    description:
      "Cluster nodes bound to it can no longer export until bound to another target. Commits already pushed stay in the repository and in the history.",
    done: {
      title: "Git target deleted",
      message: (name) => `${name} is no longer registered; past exports keep their commits.`,
    },
  },
};

export function GitTargetsPanel({ targets, canManage }: { targets: GitTargetView[]; canManage: boolean }) {
  const actions = useRegistryActions<GitTargetView>();
  const { toast, busy } = actions;
  const [registering, setRegistering] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [checks, setChecks] = useState<Record<string, CheckOutcome<GitTargetCheckView>>>({});

  function register(form: FormData) {
    const text = (k: string) => String(form.get(k) ?? "").trim();
    setError(null);
    void actions.run(async () => {
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
    }, setError);
  }

  async function check(t: GitTargetView) {
    const outcome = await actions.check(t, gitTargetsApi.check);
    setChecks((c) => ({ ...c, [t.id]: outcome }));
  }

  return (
    <>
      <RegistryPanel
        text={GIT_TARGETS_TEXT}
        icon={<GitBranch size={30} strokeWidth={1.75} />}
        items={targets}
        actions={actions}
        onRegister={canManage ? () => setRegistering(true) : null}
        remove={gitTargetsApi.remove}
      >
        {targets.map((t) => {
          const outcome = checks[t.id];
          const ok = outcome?.result?.ok ?? false;
          return (
            <tr key={t.id} data-testid={`git-target-row-${t.name}`}>
              <td className="nowrap">
                <strong>{t.name}</strong>
                <div className="faint">{t.hasToken ? "token stored" : "no token"}</div>
                {t.argoCdApplication ? <div className="faint">+ Argo CD Application</div> : null}
              </td>
              <td className={`wrap-anywhere ${styles.mono}`}>
                {t.url}
                {outcome ? (
                  <div className={ok ? styles.ok : styles.bad} role="status" data-testid={`git-target-check-${t.name}`}>
                    {outcome.result?.message ?? outcome.error}
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
                    <CheckButton
                      checking={actions.checking === t.id}
                      onClick={() => void check(t)}
                      label="Check"
                      testId={`check-git-target-${t.name}`}
                    />
                    <RemoveButton name={t.name} onClick={() => actions.askRemove(t)} />
                  </>
                ) : null}
              </td>
            </tr>
          );
        })}
      </RegistryPanel>

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
        onSubmit={register}
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
    </>
  );
}
