// The Git-targets aggregate in the database. The sealed token leaves this module only through
// `findWithToken`; the service turns it into `hasToken` or opens it for a session with the remote.
import type { Db } from "@/server/db/client";

const viewSelect = {
  id: true,
  name: true,
  url: true,
  authKind: true,
  username: true,
  branch: true,
  pathTemplate: true,
  authorName: true,
  authorEmail: true,
  argoCdApplication: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

export interface NewGitTarget {
  name: string;
  url: string;
  authKind: "https-token";
  username: string | null;
  tokenEnc: string | null;
  branch: string;
  pathTemplate: string;
  authorName: string;
  authorEmail: string;
  argoCdApplication: boolean;
  createdById: string;
}

export function gitTargetRepository(client: Db) {
  return {
    list() {
      return client.gitTarget.findMany({ select: { ...viewSelect, tokenEnc: true }, orderBy: { name: "asc" } });
    },
    find(id: string) {
      return client.gitTarget.findUnique({ where: { id }, select: viewSelect });
    },
    /** With the sealed token: only for opening a session with the remote. */
    findWithToken(id: string) {
      return client.gitTarget.findUnique({ where: { id }, select: { ...viewSelect, tokenEnc: true } });
    },
    async nameTaken(name: string): Promise<boolean> {
      return (await client.gitTarget.count({ where: { name } })) > 0;
    },
    create(data: NewGitTarget) {
      return client.gitTarget.create({ data, select: viewSelect });
    },
    async remove(id: string): Promise<boolean> {
      return (await client.gitTarget.deleteMany({ where: { id } })).count > 0;
    },
  };
}

export type GitTargetRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof gitTargetRepository>["find"]>>>;
