// First start: when there are no users yet, create the admin from ADMIN_EMAIL / ADMIN_PASSWORD,
// or with a generated password printed once in a box on stdout.
import { randomBytes } from "node:crypto";
import { authRepository } from "./repository";
import { createUser } from "./users";

export async function ensureAdmin(
  log: (text: string) => void = (t) => process.stdout.write(t),
): Promise<"created" | "exists"> {
  if ((await authRepository().countUsers()) > 0) return "exists";
  const email = process.env.ADMIN_EMAIL || "admin@localhost";
  const configured = process.env.ADMIN_PASSWORD;
  const password = configured || randomBytes(12).toString("base64url");
  try {
    await createUser({ email, name: "Administrator", role: "admin", password });
  } catch (err) {
    // Another replica created it at the same moment (unique email): nothing to do.
    if ((await authRepository().countUsers()) > 0) return "exists";
    throw err;
  }
  if (configured) {
    log(`Topology Studio: created admin account ${email} (password from ADMIN_PASSWORD)\n`);
  } else {
    const lines = [
      "Topology Studio: first start, an admin account was created.",
      "",
      `  email:    ${email}`,
      `  password: ${password}`,
      "",
      "This password is shown only once. Sign in and change it under Settings,",
      "or set ADMIN_PASSWORD before the first start next time.",
    ];
    const width = Math.max(...lines.map((l) => l.length));
    const bar = "─".repeat(width + 2);
    log(["", `┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${bar}┘`, ""].join("\n") + "\n");
  }
  return "created";
}
