"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Boxes, GitBranch, Server, Settings } from "lucide-react";
import styles from "./shell.module.css";

const LINKS = [
  { href: "/designs", label: "Designs", icon: Boxes },
  { href: "/clusters", label: "Clusters", icon: Server },
  { href: "/git-targets", label: "Git targets", icon: GitBranch },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;

export function NavLinks() {
  const pathname = usePathname() ?? "";
  return (
    <nav className={styles.nav} aria-label="Main">
      {LINKS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(href + "/");
        return (
          <Link
            key={href}
            href={href}
            className={`${styles.navLink} ${active ? styles.navLinkActive : ""}`}
            aria-current={active ? "page" : undefined}
          >
            <Icon size={16} strokeWidth={2} />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
