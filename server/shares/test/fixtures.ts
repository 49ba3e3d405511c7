// Test fixtures for review features: users with sessions and a stored design with several revisions.
import { createSession } from "@/server/auth/sessions";
import { createUser } from "@/server/auth/users";
import type { Actor } from "@/server/auth/actor";
import type { Role } from "@/server/auth/roles";
import { db } from "@/server/db/client";
import { CreateShareBody, createShare } from "../service";

let seq = 0;

export async function userWithSession(
  role: Role,
  name = `${role}-${++seq}`,
): Promise<{ actor: Actor; cookie: string }> {
  const user = await createUser({
    email: `${name}-${Date.now()}-${seq}@example.com`,
    name,
    role,
    password: "password-123",
  });
  const { token } = await createSession(user.id);
  return {
    actor: { user: { id: user.id, email: user.email, name: user.name, role }, via: "session" },
    cookie: `studio_session=${token}`,
  };
}

/** A design row with `revisions` revision rows written straight to the database (no designs service needed). */
export async function designRows(ownerId: string, documents: object[], name = "review-me"): Promise<string> {
  const design = await db().design.create({ data: { name, ownerId, latestRevision: documents.length } });
  let n = 0;
  for (const doc of documents) {
    await db().revision.create({
      data: { designId: design.id, number: ++n, document: JSON.stringify(doc), authorId: ownerId, message: `rev ${n}` },
    });
  }
  return design.id;
}

export type ShareHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A GET of a public share route, as a browser on studio.test sends it. */
export const getShare = (h: ShareHandler, token: string, query = "", headers: Record<string, string> = {}) =>
  h(new Request(`http://studio.test/api/share/${token}${query}`, { headers: { host: "studio.test", ...headers } }), {
    params: Promise.resolve({ token }),
  });

/** A new share link of `designId` created by `actor`: its token and id. */
export async function newShare(actor: Actor, designId: string, input: object): Promise<{ token: string; id: string }> {
  const s = await createShare(actor, designId, CreateShareBody.parse(input), "http://studio.test");
  return { token: s.token, id: s.share.id };
}
