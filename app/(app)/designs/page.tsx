// Placeholder Designs list: the canvas work replaces this body with the real list and editor.
import type { Metadata } from "next";
import { Boxes, Plus, Server } from "lucide-react";
import { EmptyState } from "@/components/shell/empty-state";
import { PageHeader } from "@/components/shell/page-header";
import { ButtonLink } from "@/components/ui/button";
import { requirePageActor } from "@/server/http/page-auth";
import { roleAtLeast } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Designs" };

export default async function DesignsPage() {
  const actor = await requirePageActor();
  const canEdit = roleAtLeast(actor.user.role, "editor");
  return (
    <div className="page">
      <PageHeader
        title="Designs"
        description="Prometheus + Thanos topologies: draw, lint, review and deploy."
        actions={canEdit ? <ButtonLink href="/designs/new" variant="primary" icon={<Plus size={16} />}>New design</ButtonLink> : null}
      />
      <EmptyState
        icon={<Boxes size={30} strokeWidth={1.75} />}
        title="No designs yet"
        actions={
          <>
            {canEdit ? <ButtonLink href="/designs/new" variant="primary" size="lg" icon={<Plus size={16} />}>Create your first design</ButtonLink> : null}
            <ButtonLink href="/clusters" variant="secondary" size="lg" icon={<Server size={16} />}>
              Register a cluster
            </ButtonLink>
          </>
        }
      >
        {canEdit
          ? "A design describes your clusters, Prometheus shard groups, Thanos components and object stores. Start from a template or a blank canvas."
          : "Designs your team creates will appear here. You have read-only access; ask an admin for the editor role to create one."}
      </EmptyState>
    </div>
  );
}
