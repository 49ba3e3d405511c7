"use client";
// The Clusters screen: registered clusters (name, server, context, user — never the kubeconfig),
// register (admin), production flag (admin), check connection (deployer) and delete (admin).
import { useState } from "react";
import { Cloud, Server, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, FormDialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { CheckButton, RegistryPanel, RemoveButton, type RegistryText } from "@/components/registry/RegistryPanel";
import { useRegistryActions, type CheckOutcome } from "@/components/registry/use-registry-actions";
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

const CLUSTERS_TEXT: RegistryText = {
  title: "Registered clusters",
  intro:
    "Designs bind their cluster nodes to these. Credentials stay encrypted on the server; only the connection details below are ever shown.",
  empty: {
    title: "No clusters registered",
    text: "Register a cluster with its kubeconfig to plan and deploy designs to it. Kubeconfigs are encrypted at rest and never shown again.",
  },
  register: { label: "Register cluster" },
  tableTestId: "clusters-table",
  columns: ["Name", "API server", "Context", "User", "Registered"],
  remove: {
    description:
      "Its stored kubeconfig is destroyed. Designs bound to it can no longer be planned or deployed until they are bound to another cluster. Nothing in the cluster itself changes.",
    confirmLabel: "Delete cluster",
    done: { title: "Cluster deleted", message: (name) => `${name} is no longer registered.` },
  },
};

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function ClustersPanel({ clusters, canRegister, canCheck }: ClustersPanelProps) {
  const actions = useRegistryActions<ClusterView>();
  const { toast, busy } = actions;
  const [registering, setRegistering] = useState(false);
  const [check, setCheck] = useState<({ cluster: ClusterView } & CheckOutcome<ClusterCheck>) | null>(null);
  const [restricting, setRestricting] = useState<ClusterView | null>(null);

  function restrict(c: ClusterView, form: FormData) {
    const text = String(form.get("namespaces") ?? "").trim();
    const list = text ? text.split(/[\s,]+/).filter(Boolean) : null;
    const production = form.get("production") === "on";
    void actions.run(
      async () => {
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
      },
      (message) => toast.error(message, `Could not restrict ${c.name}`),
    );
  }

  async function runCheck(c: ClusterView) {
    setCheck({ cluster: c, ...(await actions.check(c, clustersApi.check)) });
  }

  return (
    <>
      <RegistryPanel
        text={CLUSTERS_TEXT}
        icon={<Server size={30} strokeWidth={1.75} />}
        items={clusters}
        actions={actions}
        onRegister={canRegister ? () => setRegistering(true) : null}
        remove={clustersApi.remove}
      >
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
                {c.allowedNamespaces ? `only ${c.allowedNamespaces.join(", ") || "no namespace"}` : "any namespace"}
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
                <CheckButton
                  checking={actions.checking === c.id}
                  onClick={() => void runCheck(c)}
                  label="Check connection"
                />
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
              {canRegister ? <RemoveButton name={c.name} onClick={() => actions.askRemove(c)} /> : null}
            </td>
          </tr>
        ))}
      </RegistryPanel>

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
          actions.refresh();
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
    </>
  );
}
