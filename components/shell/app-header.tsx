import Link from "next/link";
import type { Actor } from "@/server/auth/actor";
import { LogoMark } from "./logo";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";
import styles from "./shell.module.css";

export function AppHeader({ actor }: { actor: Actor }) {
  const { name, email, role } = actor.user;
  return (
    <header className={styles.header}>
      <div className={styles.headerInner}>
        <Link href="/designs" className={styles.brand}>
          <LogoMark />
          Topology Studio
        </Link>
        <NavLinks />
        <UserMenu user={{ name, email, role }} />
      </div>
    </header>
  );
}
