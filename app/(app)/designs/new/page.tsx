import type { Metadata } from "next";
import { NewDesign } from "@/components/designs/NewDesign";
import { QueryProvider } from "@/components/designs/QueryProvider";
import { requirePageActor } from "@/server/http/page-auth";

export const metadata: Metadata = { title: "New design" };

export default async function NewDesignPage() {
  await requirePageActor("editor");
  return (
    <QueryProvider>
      <NewDesign />
    </QueryProvider>
  );
}
