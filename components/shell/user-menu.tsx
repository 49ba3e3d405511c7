"use client";
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { ChevronDown, KeyRound, LogOut } from "lucide-react";
import { useToast } from "@/components/ui/toast";
import { ThemeToggle } from "./theme-toggle";
import styles from "./shell.module.css";

export interface MenuUser {
  name: string;
  email: string;
  role: string;
}

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((p) => p[0]!.toUpperCase())
      .join("") || "?"
  );
}

export function UserMenu({ user }: { user: MenuUser }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const toast = useToast();

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  async function signOut() {
    setBusy(true);
    try {
      const res = await fetch("/api/auth/logout", { method: "POST" });
      // 401: the session was already gone, which is what signing out wants anyway.
      if (!res.ok && res.status !== 401) throw new Error(`HTTP ${res.status}`);
      window.location.href = "/login";
    } catch (err) {
      toast.error(`Could not sign out: ${(err as Error).message}`);
      setBusy(false);
    }
  }

  return (
    <div className={styles.userMenu} ref={ref}>
      <button
        className={styles.userButton}
        onClick={() => setOpen((o) => !o)}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="user-menu"
      >
        <span className={styles.avatar} aria-hidden>
          {initials(user.name)}
        </span>
        <span className={styles.userName}>{user.name}</span>
        <ChevronDown size={14} className="faint" />
      </button>
      {open ? (
        <div className={styles.menu} role="menu">
          <div className={styles.menuHeader}>
            <strong>{user.name}</strong>
            <span>{user.email}</span>
            <div className={styles.menuRole}>
              <span className="badge badge-primary" data-testid="user-role">
                {user.role}
              </span>
            </div>
          </div>
          <ThemeToggle />
          <Link href="/settings#tokens" className={styles.menuItem} role="menuitem" onClick={() => setOpen(false)}>
            <KeyRound size={15} /> API tokens
          </Link>
          <button className={styles.menuItem} role="menuitem" onClick={signOut} disabled={busy}>
            <LogOut size={15} /> {busy ? "Signing out…" : "Sign out"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
