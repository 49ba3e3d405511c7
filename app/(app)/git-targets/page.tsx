// Git targets (GitOps export): editors and up see the list (URL, branch, path — never the token);
// admins register, check and delete.
import type { Metadata } from "next";
import { GitTargetsPanel } from "@/components/gitops/GitTargetsPanel";
import { PageHeader } from "@/components/shell/page-header";
import { listGitTargets } from "@/server/git/targets";
import { requirePageActor } from "@/server/http/page-auth";

export const metadata: Metadata = { title: "Git targets" };
export const dynamic = "force-dynamic";

export default async function GitTargetsPage() {
  // The same role as GET /api/git-targets: editors bind cluster nodes to these.
  const actor = await requirePageActor("editor");
  const targets = await listGitTargets();
  return (
    <div className="page">
      <PageHeader
        title="Git targets"
        description="Repositories designs are exported to for Argo CD or Flux: a folder per cluster, one commit per export."
      />
      <GitTargetsPanel targets={targets} canManage={actor.user.role === "admin"} />
    </div>
  );
}
