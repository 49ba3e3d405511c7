import type { Metadata } from "next";
import { Suspense } from "react";
import { EditorLoader } from "@/components/designs/EditorLoader";
import { QueryProvider } from "@/components/designs/QueryProvider";
import { requirePageActor } from "@/server/http/page-auth";
import { roleAtLeast } from "@/server/auth/roles";

export const metadata: Metadata = { title: "Design" };

export default async function DesignEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  return (
    <QueryProvider>
      <Suspense>
        <EditorLoader id={id} canEdit={roleAtLeast(actor.user.role, "editor")} />
      </Suspense>
    </QueryProvider>
  );
}
