"use client";
// The Clusters screen: registered clusters (name, server, context, user — never the kubeconfig),
// register (admin), production flag (admin), check connection (deployer) and delete (admin).
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Activity, Cloud, Plus, Server, ShieldCheck, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, FormDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { EmptyState } from "@/components/shell/empty-state";
import { clustersApi, type ClusterCheck, type ClusterView } from "./api";
import { CheckResult } from "./CheckResult";
import { RegisterClusterDialog } from "./RegisterClusterDialog";
import styles from "./clusters.module.css";
import { ProductionToggle } from "./ProductionToggle";

export interface ClustersPanelProps {
  clusters: ClusterView[];
  canRegister: boolean;
  canCheck: boolean;
}

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function ClustersPanel({ clusters, canRegister, canCheck }: ClustersPanelProps) {
  const router = useRouter();
  const toast = useToast();
  const [registering, setRegistering] = useState(false);
  const [deleting, setDeleting] = useState<ClusterView | null>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState<string | null>(null);
  const [check, setCheck] = useState<{ cluster: ClusterView; result?: ClusterCheck; error?: string } | null>(null);
  const [restricting, setRestricting] = useState<ClusterView | null>(null);

  async function restrict(c: ClusterView, form: FormData) {
    const text = String(form.get("namespaces") ?? "").trim();
    const list = text ? text.split(/[\s,]+/).filter(Boolean) : null;
    const production = form.get("production") === "on";
    setBusy(true);
    try {
      await clustersApi.update(c.id, { allowedNamespaces: list, production });
      toast.success(
        `${list ? `Designs may use ${list.join(", ")}` : "Designs may use any namespace"}. ${
          production
            ? "Production: deploys need an approval by someone other than the author, and the name typed to confirm."
            : "Not production."
        }`,
        c.name,
      );
      setRestricting(null);
      router.refresh();
    } catch (e) {
      toast.error((e as Error).message, `Could not restrict ${c.name}`);
    } finally {
      setBusy(false);
    }
  }

  async function runCheck(c: ClusterView) {
    setChecking(c.id);
    try {
      const result = await clustersApi.check(c.id);
      setCheck({ cluster: c, result });
    } catch (e) {
      setCheck({ cluster: c, error: (e as Error).message });
    } finally {
      setChecking(null);
    }
  }

  async function remove(c: ClusterView) {
    setBusy(true);
    try {
      await clustersApi.remove(c.id);
      toast.success(`${c.name} is no longer registered.`, "Cluster deleted");
      setDeleting(null);
      router.refresh();
    } catch (e) {
      toast.error((e as Error).message, `Could not delete ${c.name}`);
    } finally {
      setBusy(false);
    }
  }

  const registerButton = canRegister ? (
    <Button variant="primary" icon={<Plus size={16} />} onClick={() => setRegistering(true)}>
      Register cluster
    </Button>
  ) : null;

  return (
    <>
      {clusters.length === 0 ? (
        <EmptyState
          icon={<Server size={30} strokeWidth={1.75} />}
          title="No clusters registered"
          actions={registerButton}
        >
          Register a cluster with its kubeconfig to plan and deploy designs to it. Kubeconfigs are encrypted at rest and
          never shown again.
          {!canRegister ? " Ask an admin to register one." : ""}
        </EmptyState>
      ) : (
        <section className="card" aria-labelledby="clusters-title">
          <div className="card-header">
            <div>
              <h2 id="clusters-title">Registered clusters</h2>
              <p>
                Designs bind their cluster nodes to these. Credentials stay encrypted on the server; only the connection
                details below are ever shown.
              </p>
            </div>
            {registerButton}
          </div>
          <table className="table" data-testid="clusters-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>API server</th>
                <th>Context</th>
                <th>User</th>
                <th>Registered</th>
                <th className="actions">Actions</th>
              </tr>
            </thead>
            <tbody>
              {clusters.map((c) => (
                <tr key={c.id} data-testid={`cluster-row-${c.name}`}>
                  <td className="nowrap">
                    <span className={styles.name}>
                      {c.inCluster ? <Cloud size={15} aria-hidden /> : <Server size={15} aria-hidden />}
                      <strong>{c.name}</strong>
                      {c.production ? (
                        <span className="badge badge-danger" data-testid={`production-${c.name}`}>
                          <ShieldCheck size={12} aria-hidden /> production
                        </span>
                      ) : null}
                    </span>
                    {c.namespaceDefault ? <div className="faint">default namespace {c.namespaceDefault}</div> : null}
                    <div className="faint" data-testid={`cluster-namespaces-${c.name}`}>
                      {c.allowedNamespaces
                        ? `only ${c.allowedNamespaces.join(", ") || "no namespace"}`
                        : "any namespace"}
                    </div>
                  </td>
                  <td className={`wrap-anywhere ${styles.mono}`}>{c.server}</td>
                  <td className={styles.mono}>
                    {c.inCluster ? <span className="badge badge-primary">in-cluster</span> : c.contextName}
                  </td>
                  <td className={`muted ${styles.mono}`}>{c.userName}</td>
                  <td className="muted nowrap">
                    {formatDate(c.createdAt)}
                    <div className="faint">by {c.createdBy.name}</div>
                  </td>
                  <td className="actions">
                    {canCheck ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        icon={<Activity size={14} />}
                        loading={checking === c.id}
                        onClick={() => void runCheck(c)}
                      >
                        Check connection
                      </Button>
                    ) : null}
                    {canRegister ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setRestricting(c)}
                        data-testid={`cluster-settings-${c.name}`}
                      >
                        Settings
                      </Button>
                    ) : null}
                    {canRegister ? (
                      <Button
                        size="sm"
                        variant="danger-ghost"
                        icon={<Trash2 size={14} />}
                        onClick={() => setDeleting(c)}
                        aria-label={`Delete ${c.name}`}
                      >
                        Delete
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <RegisterClusterDialog
        open={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(c) => {
          setRegistering(false);
          if (c.warning) toast.show(c.warning, { kind: "info", title: `${c.name} registered, not checked` });
          else
            toast.success(
              `${c.name} (${c.server}) answered and accepted the credentials. Check the connection to see what it may deploy.`,
              "Cluster registered",
            );
          router.refresh();
        }}
      />

      <Dialog
        open={!!check}
        onClose={() => setCheck(null)}
        width={720}
        title={check ? `Connection to ${check.cluster.name}` : ""}
        description={check ? <span className={styles.mono}>{check.cluster.server}</span> : undefined}
        footer={<Button onClick={() => setCheck(null)}>Close</Button>}
      >
        {check?.error ? (
          <div className="alert alert-danger" role="alert" data-testid="check-error">
            {check.error}
          </div>
        ) : check?.result ? (
          <CheckResult check={check.result} />
        ) : null}
      </Dialog>

      <FormDialog
        open={restricting !== null}
        onClose={() => setRestricting(null)}
        title={`Settings of ${restricting?.name ?? "cluster"}`}
        description="Designs may plan, deploy and read status only in the allowed namespaces. Leave empty to allow any."
        submitLabel="Save"
        busy={busy}
        onSubmit={(form) => (restricting ? restrict(restricting, form) : undefined)}
      >
        <div className="form-stack">
          <Input
            key={`ns-${restricting?.id}`}
            label="Allowed namespaces"
            name="namespaces"
            defaultValue={restricting?.allowedNamespaces?.join(", ") ?? ""}
            placeholder="monitoring, thanos"
            autoComplete="off"
          />
          <ProductionToggle
            key={`prod-${restricting?.id}`}
            name="production"
            defaultChecked={restricting?.production ?? false}
            data-testid="cluster-production"
          />
        </div>
      </FormDialog>
      <Dialog
        open={!!deleting}
        onClose={() => setDeleting(null)}
        title={`Delete ${deleting?.name ?? "cluster"}?`}
        description="Its stored kubeconfig is destroyed. Designs bound to it can no longer be planned or deployed until they are bound to another cluster. Nothing in the cluster itself changes."
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button variant="danger" loading={busy} onClick={() => deleting && void remove(deleting)}>
              Delete cluster
            </Button>
          </>
        }
      />
    </>
  );
}
