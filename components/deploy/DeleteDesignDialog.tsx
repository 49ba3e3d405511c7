"use client";
// Deleting a design that was deployed would orphan its objects on the cluster: the server refuses (409
// "deployed"), and this dialog says where it is deployed and offers "Undeploy and delete", which prunes
// everything the design owns on each cluster before deleting it (deployer role).
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiError, fetchJson } from "@/components/ui/fetch-json";
import { deployApi } from "./api";
import { useCanDeploy } from "./role";

interface Refusal {
  reason?: string;
  clusters?: string[];
}

export function DeleteDesignDialog({
  design,
  onClose,
  onDeleted,
}: {
  /** The design to delete; null keeps the dialog closed. */
  design: { id: string; name: string } | null;
  onClose: () => void;
  onDeleted: (undeployedFrom: string[]) => void;
}) {
  const canDeploy = useCanDeploy();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusedFor, setRefusedFor] = useState<{ id: string; clusters: string[] } | null>(null);
  // Deployers see up front where the design is deployed; others learn it from the server's refusal.
  const history = useQuery({
    queryKey: ["deployments", design?.id],
    queryFn: () => deployApi.history(design!.id),
    enabled: !!design && canDeploy,
    retry: false,
  });
  const known = history.data ? [...new Set(history.data.map((d) => d.cluster.name))].sort() : [];
  const deployedTo = refusedFor && refusedFor.id === design?.id ? refusedFor.clusters : known;

  const close = () => {
    setError(null);
    setRefusedFor(null);
    onClose();
  };

  async function remove(undeploy: boolean) {
    if (!design) return;
    setBusy(true);
    setError(null);
    try {
      await fetchJson(`/api/designs/${encodeURIComponent(design.id)}${undeploy ? "?undeploy=true" : ""}`, {
        method: "DELETE",
      });
      setRefusedFor(null);
      onDeleted(undeploy ? deployedTo : []);
    } catch (e) {
      const body = e instanceof ApiError ? (e.body as Refusal | undefined) : undefined;
      if (e instanceof ApiError && e.status === 409 && body?.reason === "deployed")
        setRefusedFor({ id: design.id, clusters: body.clusters ?? [] });
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const deployed = deployedTo.length > 0;
  const where = deployedTo.join(", ");
  return (
    <Dialog
      open={!!design}
      onClose={close}
      title={`Delete “${design?.name ?? ""}”?`}
      description="The design and all its revisions, share links and comments are deleted. This cannot be undone."
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          {deployed ? (
            <Button
              variant="danger"
              icon={<Trash2 size={14} />}
              loading={busy}
              disabled={!canDeploy}
              title={canDeploy ? undefined : "Undeploying needs the deployer role"}
              onClick={() => void remove(true)}
              data-testid="undeploy-and-delete"
            >
              Undeploy and delete
            </Button>
          ) : (
            <Button variant="danger" loading={busy} onClick={() => void remove(false)} data-testid="delete-design">
              Delete design
            </Button>
          )}
        </>
      }
    >
      {deployed ? (
        <div className="alert alert-warning" role="alert" data-testid="delete-deployed">
          <div>
            <strong>
              Deployed to {deployedTo.length === 1 ? "cluster" : "clusters"} {where}.
            </strong>{" "}
            Deleting only the design would leave its objects running there with nothing to prune them.{" "}
            <em>Undeploy and delete</em> first deletes everything this design deployed on {where} (workloads, services,
            config, its namespace when nothing else lives in it), then the design.
            {canDeploy ? null : " Ask a deployer to do it: undeploying needs the deployer role."}
          </div>
        </div>
      ) : null}
      {error ? (
        <div className="alert alert-danger" role="alert" data-testid="delete-error">
          {error}
        </div>
      ) : null}
    </Dialog>
  );
}
