// Placeholder: the cluster registry work replaces this body.
import type { Metadata } from "next";
import { Server } from "lucide-react";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageActor } from "@/server/http/page-auth";

export const metadata: Metadata = { title: "Clusters" };

export default async function ClustersPage() {
  await requirePageActor();
  return (
    <div className="page">
      <PageHeader title="Clusters" description="Kubernetes clusters designs can be deployed to." />
      <EmptyState icon={<Server size={30} strokeWidth={1.75} />} title="No clusters registered">
        Register a cluster with its kubeconfig to plan and deploy designs to it. Kubeconfigs are encrypted at rest and never shown again.
      </EmptyState>
    </div>
  );
}
