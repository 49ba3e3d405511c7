import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import Link from "next/link";
import { listAllApiTokens, listApiTokens } from "@/server/auth/api-tokens";
import { listUsers } from "@/server/auth/users";
import { getSettings, SETTING_DESCRIPTIONS } from "@/server/db/settings";
import { requirePageActor } from "@/server/http/page-auth";
import { AccountPanel } from "./account-panel";
import { AdminSettingsPanel } from "./admin-settings-panel";
import { TokensPanel } from "./tokens-panel";
import { UsersPanel } from "./users-panel";

export const metadata: Metadata = { title: "Settings" };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const isPast = (d: Date | null) => d !== null && d.getTime() <= Date.now();

export default async function SettingsPage() {
  const actor = await requirePageActor();
  const isAdmin = actor.user.role === "admin";
  const tokens = (await listApiTokens(actor.user.id)).map((t) => ({
    ...t,
    createdAt: iso(t.createdAt)!,
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
    expiresAt: iso(t.expiresAt),
    expired: isPast(t.expiresAt),
  }));
  const allTokens = isAdmin
    ? (await listAllApiTokens()).map((t) => ({
        ...t,
        createdAt: iso(t.createdAt)!,
        lastUsedAt: iso(t.lastUsedAt),
        revokedAt: iso(t.revokedAt),
        expiresAt: iso(t.expiresAt),
        expired: isPast(t.expiresAt),
      }))
    : [];
  const users = isAdmin
    ? (await listUsers()).map((u) => ({ ...u, createdAt: iso(u.createdAt)!, disabledAt: iso(u.disabledAt) }))
    : [];
  const settings = isAdmin ? await getSettings() : null;

  return (
    <div className="page">
      <PageHeader
        title="Settings"
        description={
          isAdmin ? "Your account, API tokens, users and workspace settings." : "Your account and API tokens."
        }
      />
      <div className="stack">
        {isAdmin ? <UsersPanel users={users} currentUserId={actor.user.id} /> : null}
        {settings ? <AdminSettingsPanel settings={settings} descriptions={SETTING_DESCRIPTIONS} /> : null}
        {isAdmin ? (
          <section className="card" aria-labelledby="audit-title">
            <div className="card-header">
              <div>
                <h2 id="audit-title">Audit log</h2>
                <p>Who did what and when: sign-ins, users, tokens, clusters, shares, approvals, deploys, settings.</p>
              </div>
              <Link className="btn btn-secondary btn-sm" href="/settings/audit" data-testid="open-audit">
                Open the audit log
              </Link>
            </div>
          </section>
        ) : null}
        {isAdmin ? <TokensPanel tokens={allTokens} everyone /> : null}
        <TokensPanel tokens={tokens} />
        <AccountPanel user={actor.user} />
      </div>
    </div>
  );
}
