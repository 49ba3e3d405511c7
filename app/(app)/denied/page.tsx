import type { Metadata } from "next";
import { ShieldAlert } from "lucide-react";
import { EmptyState } from "@/components/shell/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { isRole } from "@/server/auth/roles";
import { requirePageActor } from "@/server/http/page-auth";

export const metadata: Metadata = { title: "Access denied" };

export default async function DeniedPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const actor = await requirePageActor();
  const { need } = await searchParams;
  return (
    <div className="page">
      <EmptyState
        icon={<ShieldAlert size={30} strokeWidth={1.75} />}
        title="You do not have access to this page"
        actions={
          <ButtonLink href="/designs" variant="primary">
            Back to Designs
          </ButtonLink>
        }
      >
        {isRole(need)
          ? `It needs the ${need} role; you are signed in as ${actor.user.role}.`
          : "Your role does not allow this."}{" "}
        Ask an admin if you need more access.
      </EmptyState>
    </div>
  );
}
