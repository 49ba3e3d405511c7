"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { KeyRound, UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { formatDate } from "./format";

const ROLES = ["viewer", "editor", "deployer", "admin"] as const;

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: string;
  disabledAt: string | null;
}

export function UsersPanel({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const router = useRouter();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [busy, setBusy] = useState(false);

  async function patch(user: UserRow, body: object, done: string) {
    try {
      await fetchJson(`/api/users/${user.id}`, { method: "PATCH", body });
      toast.success(done);
      router.refresh();
    } catch (err) {
      toast.error((err as Error).message, `Could not update ${user.name}`);
    }
  }

  async function create(form: FormData) {
    setBusy(true);
    try {
      await fetchJson("/api/users", {
        body: {
          email: form.get("email"),
          name: form.get("name"),
          role: form.get("role"),
          password: form.get("password"),
        },
      });
      toast.success(`${form.get("name")} can now sign in.`, "User created");
      setCreating(false);
      router.refresh();
    } catch (err) {
      toast.error((err as Error).message, "Could not create the user");
    } finally {
      setBusy(false);
    }
  }

  async function resetPassword(user: UserRow, form: FormData) {
    setBusy(true);
    try {
      await fetchJson(`/api/users/${user.id}`, { method: "PATCH", body: { password: form.get("password") } });
      toast.success(`New password set for ${user.name}; their sessions were signed out.`, "Password reset");
      setResetting(null);
    } catch (err) {
      toast.error((err as Error).message, "Could not reset the password");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" id="users" aria-labelledby="users-title">
      <div className="card-header">
        <div>
          <h2 id="users-title">Users</h2>
          <p>Roles: viewer reads, editor designs, deployer deploys, admin manages users and settings.</p>
        </div>
        <Button variant="primary" icon={<UserPlus size={16} />} onClick={() => setCreating(true)}>
          Add user
        </Button>
      </div>
      <table className="table" data-testid="users-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Status</th>
            <th>Created</th>
            <th className="actions">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td className="nowrap">
                <strong>{u.name}</strong>
                {u.id === currentUserId ? <span className="faint"> (you)</span> : null}
              </td>
              <td className="muted wrap-anywhere">{u.email}</td>
              <td>
                <select
                  className="select"
                  style={{ height: 30, width: 120 }}
                  aria-label={`Role of ${u.name}`}
                  value={u.role}
                  onChange={(e) => patch(u, { role: e.target.value }, `${u.name} is now ${e.target.value}.`)}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {u.disabledAt ? (
                  <span className="badge badge-danger">Disabled</span>
                ) : (
                  <span className="badge badge-success">Active</span>
                )}
              </td>
              <td className="muted nowrap">{formatDate(u.createdAt)}</td>
              <td className="actions">
                <Button size="sm" variant="ghost" icon={<KeyRound size={14} />} onClick={() => setResetting(u)}>
                  Reset password
                </Button>
                {u.id !== currentUserId ? (
                  u.disabledAt ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => patch(u, { disabled: false }, `${u.name} was enabled.`)}
                    >
                      Enable
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      variant="danger-ghost"
                      onClick={() => patch(u, { disabled: true }, `${u.name} was disabled and signed out.`)}
                    >
                      Disable
                    </Button>
                  )
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <FormDialog
        open={creating}
        onClose={() => setCreating(false)}
        title="Add user"
        description="Share the password with them through a safe channel; they can change it under Settings."
        submitLabel="Create user"
        busy={busy}
        onSubmit={create}
      >
        <div className="form-stack">
          <Input label="Name" name="name" required autoComplete="off" />
          <Input label="Email" name="email" type="email" required autoComplete="off" />
          <Select label="Role" name="role" defaultValue="editor">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
          <Input
            label="Initial password"
            name="password"
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
            hint="At least 8 characters."
          />
        </div>
      </FormDialog>

      <FormDialog
        open={resetting !== null}
        onClose={() => setResetting(null)}
        title={`Reset password${resetting ? ` for ${resetting.name}` : ""}`}
        description="Their existing sessions are signed out."
        submitLabel="Set password"
        busy={busy}
        onSubmit={(form) => resetting && resetPassword(resetting, form)}
      >
        {resetting ? (
          <Input
            key={resetting.id}
            label="New password"
            name="password"
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
            hint="At least 8 characters."
          />
        ) : null}
      </FormDialog>
    </section>
  );
}
