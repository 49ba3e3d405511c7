// A stand-in app replica for the lock test: its own process and SQLite connection; at the start line it
// claims (design, cluster) once and prints {ok, id} or {ok:false, error:"ConflictError", runningDeploymentId}.
// usage: node --import tsx lock-race-worker.ts <databaseUrl> <designId> <clusterId> <userId> <startAtMs>
import { createDb } from "@/server/db/client";
import { ConflictError } from "@/server/errors";
import { claimDeployment } from "../lock";

const [url, designId, clusterId, userId, startAt] = process.argv.slice(2);
const client = createDb(url);
await client.design.findUnique({ where: { id: designId } }); // connect before the start line
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
let out: object;
try {
  out = {
    ok: true,
    ...(await claimDeployment(client, {
      designId,
      clusterId,
      clusterName: "c",
      revision: 1,
      startedById: userId,
      results: "{}",
    })),
  };
} catch (err) {
  out =
    err instanceof ConflictError
      ? { ok: false, error: err.name, ...err.details }
      : { ok: false, error: (err as Error).message.slice(-300) };
}
await client.$disconnect();
process.stdout.write(JSON.stringify(out));
