// `npm run bench:designs`: what saving and reading designs costs on this machine, through the service
// (validation, secret sealing, lint, transaction) on a temp SQLite database. Prints figures, asserts nothing.
//   npm run bench:designs -- [clusters=100] [listed=500]   (each cluster: prometheus, query, store, compactor)
import { rmSync } from "node:fs";
import path from "node:path";
import { SECRET_MASK } from "@/lib/topology";
import { db } from "@/server/db/client";
import { updateSettings } from "@/server/db/settings";
import { createTestSqliteDatabase } from "@/server/db/testing";
import { designService } from "./service";

const clusters = Number(process.argv[2] ?? 100);
const SAVES = 20;

function generated(n: number) {
  const components: object[] = [
    {
      id: "bucket",
      kind: "objectStore",
      name: "bucket",
      settings: {
        provider: "s3",
        bucket: "metrics",
        endpoint: "s3.example.com",
        accessKey: "AKIA-BENCH",
        secretKey: "bench-secret",
      },
    },
  ];
  const connections: object[] = [];
  for (let i = 0; i < n; i++) {
    const c = `c${i}`;
    components.push(
      { id: c, kind: "cluster", name: `cluster-${i}`, settings: { externalLabels: { cluster: `cluster-${i}` } } },
      { id: `${c}-p`, kind: "prometheus", name: "prom", cluster: c, settings: { shards: 2 } },
      { id: `${c}-q`, kind: "query", name: "query", cluster: c, settings: {} },
      { id: `${c}-s`, kind: "storeGateway", name: "store", cluster: c, settings: {} },
      { id: `${c}-k`, kind: "compactor", name: "compact", cluster: c, settings: {} },
    );
    connections.push(
      { id: `${c}-e1`, kind: "uploadsTo", from: `${c}-p`, to: "bucket" },
      { id: `${c}-e2`, kind: "uploadsTo", from: `${c}-s`, to: "bucket" },
      { id: `${c}-e4`, kind: "storeApi", from: `${c}-q`, to: `${c}-p` },
      { id: `${c}-e5`, kind: "storeApi", from: `${c}-q`, to: `${c}-s` },
    );
    if (i === 0) connections.push({ id: `${c}-e3`, kind: "uploadsTo", from: `${c}-k`, to: "bucket" });
  }
  return { name: "bench", components, connections };
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

const url = createTestSqliteDatabase();
process.env.DATABASE_URL = url;
process.env.STUDIO_SECRET_KEY ??= "bench-key";
const author = await db().user.create({
  data: { email: "bench@example.com", name: "Bench", role: "editor", passwordHash: "x" },
});
// The generated design's bucket endpoint must be on the workspace's allow-list, as an admin would set it.
await updateSettings({ objectStoreEndpoints: ["s3.example.com"] });
const svc = designService();
const input = generated(clusters);

const [{ id }, createMs] = await time(() => svc.create(author, { name: "bench", design: input }));
const [detail, getMs] = await time(() => svc.get(id));
const roundTripBytes = Buffer.byteLength(JSON.stringify({ baseRevision: 1, design: detail.design }));

const saveTimes: number[] = [];
for (let i = 0; i < SAVES; i++) {
  const design = { ...detail.design, description: `save ${i}` };
  const [, t] = await time(() => svc.save(author, id, { baseRevision: i + 1, design }));
  saveTimes.push(t);
}
const [, listMs] = await time(() => svc.listRevisions(id));
const [yaml, manifestsMs] = await time(() => svc.manifests(id, {}));
const stored = await db().revision.findFirstOrThrow({ where: { designId: id, number: 1 } });

// The designs list over LISTED copies of this design (duplicates: the same code path before and after the
// description column, so the figures compare).
const LISTED = Number(process.argv[3] ?? 500);
const [, duplicateMs] = await time(async () => {
  for (let i = 1; i < LISTED; i++) await svc.duplicate(author, id, `bench ${i}`);
});
const listTimes: number[] = [];
for (let i = 0; i < 5; i++) listTimes.push((await time(() => svc.list()))[1]);

console.log(
  `designs bench: ${input.components.length} components, ${input.connections.length} connections (${clusters} clusters)`,
);
console.log(`  create (validate, seal, lint, insert)     ${ms(createMs)}`);
console.log(`  get latest (parse, migrate, mask)         ${ms(getMs)}`);
console.log(
  `  save, median of ${SAVES}                     ${ms(median(saveTimes))} (min ${ms(Math.min(...saveTimes))}, max ${ms(Math.max(...saveTimes))})`,
);
console.log(`  revisions list, ${SAVES + 1} revisions (lint counts stored per revision) ${ms(listMs)}`);
console.log(
  `  manifests, all clusters                   ${ms(manifestsMs)} (${(yaml.length / 1024).toFixed(0)} KiB of YAML)`,
);
console.log(
  `  stored revision ${(stored.document.length / 1024).toFixed(0)} KiB; GET→PUT round trip body ${(roundTripBytes / 1024).toFixed(0)} KiB (limit 1024 KiB)`,
);
console.log(
  `  designs list, ${LISTED} designs, median of 5   ${ms(median(listTimes))} (min ${ms(Math.min(...listTimes))}, max ${ms(Math.max(...listTimes))}; ${LISTED - 1} duplicates took ${ms(duplicateMs)})`,
);
console.log(`  masked on read: ${JSON.stringify(detail.design).includes(SECRET_MASK)}`);
await db().$disconnect();
rmSync(path.dirname(url.replace(/^file:/, "")), { recursive: true, force: true });
