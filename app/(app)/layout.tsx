// The signed-in shell: header with navigation and user menu around every product screen.
// Layouts are not re-run on every client navigation, so each page ALSO calls requirePageActor().
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import styles from "@/components/shell/shell.module.css";
import { requirePageActor } from "@/server/http/page-auth";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  return (
    <>
      <AppHeader actor={actor} />
      <main className={styles.main}>{children}</main>
    </>
  );
}
