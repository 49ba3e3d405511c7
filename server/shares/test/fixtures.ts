// Test fixtures for review features: users with sessions and a stored design with several revisions.
import { createSession } from "@/server/auth/sessions";
import { createUser } from "@/server/auth/users";
import type { Actor } from "@/server/auth/actor";
import type { Role } from "@/server/auth/roles";
import { db } from "@/server/db/client";

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
