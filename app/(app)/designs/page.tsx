import type { Metadata } from "next";
import { DesignsList } from "@/components/designs/DesignsList";
import { QueryProvider } from "@/components/designs/QueryProvider";
import { requirePageActor } from "@/server/http/page-auth";
import { roleAtLeast } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Designs" };

export default async function DesignsPage() {
  const actor = await requirePageActor();
  return (
    <QueryProvider>
      <DesignsList canEdit={roleAtLeast(actor.user.role, "editor")} />
    </QueryProvider>
  );
}
