// Start-of-process work shared by instrumentation.ts and scripts: key + first admin.
import { ensureAdmin } from "./auth/bootstrap";
import { ensureSecretKey, secretKeyFile } from "./crypto/secret-box";
import { databaseKind } from "./db/client";
import { markInterruptedRuns } from "./deployments/runner";

export async function startupChecks(): Promise<void> {
  const keySource = ensureSecretKey();
  try {
    await ensureAdmin();
    // Deployments a previous process of this app left "running" can never finish: mark them interrupted.
    const interrupted = await markInterruptedRuns();
    if (interrupted.length)
      console.log(`Topology Studio: marked ${interrupted.length} unfinished deployment(s) interrupted`);
  } catch (err) {
    // Do not crash the server: /api/health reports the database problem to operators and probes.
    console.error(
      `Topology Studio: could not prepare the ${databaseKind()} database (run \`npm start\`, which applies migrations):`,
      err,
    );
  }
  if (keySource === "file" && process.env.NODE_ENV === "production" && !process.env.STUDIO_SECRET_KEY) {
    // Replicas must share one key; a per-machine key file only works for a single process.
    console.log(
      `Topology Studio: encryption key in ${secretKeyFile()} (back it up; set STUDIO_SECRET_KEY to share one key across replicas)`,
    );
  }
}
