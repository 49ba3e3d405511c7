// Checks a save must pass beyond the schema: object-store endpoints on the workspace's allow-list, and
// kept secrets still bound to the settings they were entered for. Both answer 400 naming the paths.
import "server-only";
import { reboundSecrets, type Design } from "@/lib/topology";
import { TEMPLATES } from "@/lib/topology/templates";
import { isRole, roleAtLeast } from "@/server/auth/roles";
import { getSettings } from "@/server/db/settings";
import { InvalidError } from "@/server/errors";
import { endpointPolicy } from "@/server/net/endpoint-allow-list";

type Issue = { path: string; message: string };

/**
 * Endpoints the built-in templates write (in-cluster MinIO and the like) are the studio's own examples,
 * not something a user typed: saving them is allowed, and the status collector still checks them
 * against the allow-list and their resolved addresses before it connects.
 */
const TEMPLATE_ENDPOINTS: ReadonlySet<string> = new Set(
  TEMPLATES.flatMap((t) =>
    t.design.components
      .filter((c) => c.kind === "objectStore")
      .map((c) => (c.settings as { endpoint?: string }).endpoint)
      .filter((e): e is string => !!e),
  ),
);

/**
 * Endpoints that are new or changed in this save must be on the allow-list. An endpoint already saved
 * stays saveable if the admin narrows the list later; the status collector checks it again before every
 * request, so a narrowed list still applies at once.
 */
export async function assertEndpointsAllowed(incoming: Design, previous: Design | undefined): Promise<void> {
  const before = new Map<string, string | undefined>();
  for (const c of previous?.components ?? [])
    if (c.kind === "objectStore") before.set(c.id, (c.settings as { endpoint?: string }).endpoint);
  const changed = incoming.components
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.kind === "objectStore")
    .map(({ c, i }) => ({ i, settings: c.settings as { endpoint?: string; insecure?: boolean; provider?: string } }))
    .filter(({ settings, i }) => {
      const id = incoming.components[i].id;
      return (
        !!settings.endpoint &&
        settings.provider !== "filesystem" &&
        before.get(id) !== settings.endpoint &&
        !TEMPLATE_ENDPOINTS.has(settings.endpoint)
      );
    });
  if (changed.length === 0) return;
  const s = await getSettings();
  const policy = endpointPolicy({ entries: s.objectStoreEndpoints, allowProviderEndpoints: s.allowProviderEndpoints });
  const issues: Issue[] = [];
  for (const { i, settings } of changed) {
    const problem = policy.endpointProblem(settings.endpoint!, settings.insecure);
    if (problem) issues.push({ path: `components.${i}.settings.endpoint`, message: problem });
  }
  if (issues.length) throw new InvalidError(`object-store endpoint not allowed: ${issues[0].message}`, { issues });
}

/** 400 when a kept secret's object store now points elsewhere: the user must enter the keys again. */
export function assertSecretsStillBound(incoming: Design, previous: Design): void {
  const rebound = reboundSecrets(incoming, previous);
  if (rebound.length === 0) return;
  const issues: Issue[] = rebound.map((r) => ({
    path: `components.${r.componentIndex}.settings.${r.path}`,
    message: `${r.changed.join(", ")} changed: enter this secret again (the stored one stays with the old ${r.changed[0]})`,
  }));
  throw new InvalidError("stored secrets do not follow a changed endpoint, bucket, region or provider", { issues });
}

/**
 * A copy keeps the source's sealed secrets only when the person copying holds at least the role of the
 * source's owner: an editor copying an admin's design gets the design, not the admin's keys.
 */
export function copyKeepsSecrets(copier: { id: string; role: string }, owner: { id: string; role: string }): boolean {
  if (copier.id === owner.id) return true;
  return isRole(copier.role) && isRole(owner.role) && roleAtLeast(copier.role, owner.role);
}
