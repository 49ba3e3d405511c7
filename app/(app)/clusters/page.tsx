// Registered clusters: editors and up see the list (connection details only, never credentials);
// admins register and delete, deployers check connections.
import type { Metadata } from "next";
import { ClustersPanel } from "@/components/clusters/ClustersPanel";
import { PageHeader } from "@/components/shell/page-header";
import { roleAtLeast } from "@/server/auth/roles";
import { listClusters } from "@/server/clusters/service";
import { requirePageActor } from "@/server/http/page-auth";

export const metadata: Metadata = { title: "Clusters" };
export const dynamic = "force-dynamic";

export default async function ClustersPage() {
  // The same role as GET /api/clusters: server URLs and user names are not for viewers.
  const actor = await requirePageActor("editor");
  const clusters = await listClusters();
  return (
    <div className="page">
      <PageHeader title="Clusters" description="Kubernetes clusters designs can be planned against and deployed to." />
      <ClustersPanel
        clusters={clusters}
        canRegister={actor.user.role === "admin"}
        canCheck={roleAtLeast(actor.user.role, "deployer")}
      />
    </div>
  );
}
