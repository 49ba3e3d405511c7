"use client";
import { useState } from "react";
import { AlertCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import styles from "./login.module.css";

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (res.ok) {
        // A full navigation so server components render with the new session cookie.
        window.location.assign(next);
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { error?: string; retryAfterSeconds?: number };
      if (res.status === 401) setError("Incorrect email or password.");
      else if (res.status === 429)
        setError(
          `Too many sign-in attempts. Try again in ${Math.ceil((body.retryAfterSeconds ?? 60) / 60)} minute(s).`,
        );
      else if (res.status === 400) setError("Enter your email and password.");
      else setError(body.error ? `Sign-in failed: ${body.error}` : `Sign-in failed (HTTP ${res.status}).`);
    } catch {
      setError("Cannot reach the server. Check your connection and try again.");
    }
    setBusy(false);
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      {error ? (
        <div className="alert alert-danger" role="alert" data-testid="login-error">
          <AlertCircle size={16} style={{ flex: "none", marginTop: 1 }} />
          <span>{error}</span>
        </div>
      ) : null}
      <Input
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        placeholder="you@example.com"
      />
      <Input
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        placeholder="••••••••"
      />
      <Button type="submit" variant="primary" size="lg" block loading={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
