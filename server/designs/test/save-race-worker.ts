// A stand-in app replica for the save-race test: its own process and database connection, saving as fast
// as it can on whatever revision it last read. Prints {wins, conflicts, errors} as JSON.
// usage: tsx save-race-worker.ts <databaseUrl> <designId> <authorId> <attempts> <startAtMs>
import { createDb } from "@/server/db/client";
import { designRepository } from "@/server/designs/repository";

const [url, designId, authorId, attempts, startAt] = process.argv.slice(2);
const client = createDb(url);
const repo = designRepository(client);
const lint = { errors: 0, warnings: 0 };
const tally = { wins: [] as number[], conflicts: 0, errors: [] as string[] };

await repo.find(designId); // open the connection before the start line
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
for (let i = 0; i < Number(attempts); i++) {
  try {
    const current = (await repo.find(designId))!.latestRevision;
    const r = await repo.append({
      designId,
      baseRevision: current,
      document: `{"pid":${process.pid}}`,
      description: "",
      authorId,
      message: `pid ${process.pid}`,
      lint,
    });
    if (r.ok) tally.wins.push(r.revision);
    else tally.conflicts++;
  } catch (err) {
    tally.errors.push((err as Error).message.slice(-300));
  }
}
await client.$disconnect();
process.stdout.write(JSON.stringify(tally));
