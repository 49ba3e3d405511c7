"use client";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";

export function AccountPanel({ user }: { user: { name: string; email: string; role: string } }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (form.get("newPassword") !== form.get("confirm")) {
      toast.error("The new passwords do not match.");
      return;
    }
    setBusy(true);
    try {
      await fetchJson("/api/auth/password", {
        body: { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") },
      });
      toast.success("Other sessions were signed out.", "Password changed");
      formRef.current?.reset();
    } catch (err) {
      toast.error((err as Error).message, "Could not change the password");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="account-title">
      <div className="card-header">
        <div>
          <h2 id="account-title">Your account</h2>
          <p>
            {user.name} · {user.email} · <span className="badge badge-primary">{user.role}</span>
          </p>
        </div>
      </div>
      <form ref={formRef} className="card-body" onSubmit={onSubmit}>
        <div className="form-row">
          <Input
            label="Current password"
            name="currentPassword"
            type="password"
            required
            autoComplete="current-password"
          />
          <Input
            label="New password"
            name="newPassword"
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
          />
          <Input
            label="Confirm new password"
            name="confirm"
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
          />
          <Button type="submit" variant="secondary" loading={busy}>
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}
