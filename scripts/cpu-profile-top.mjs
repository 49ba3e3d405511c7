#!/usr/bin/env node
// Reads a .cpuprofile (bench:share with BENCH_CPU_PROF) and prints where the time went.
//   node scripts/cpu-profile-top.mjs <file>                  busy seconds per second of the run (find the phases)
//   node scripts/cpu-profile-top.mjs <file> <from> <to> [n]  top n by self time, per function and per module,
//                                                            in that window (seconds since the profile began)
import { readFileSync } from "node:fs";

const [file, fromArg, toArg, nArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: cpu-profile-top.mjs <file.cpuprofile> [from-s to-s [n]]");
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
let t = 0;
const at = prof.timeDeltas.map((d) => (t += d) / 1e6);
const short = (u) =>
  u
    .replace(/^.*\/node_modules\//, "")
    .replace(/^.*\/\.next[^/]*\/server\/chunks\/.*$/, "(app chunks)")
    .replace(/^file:\/\//, "") || "(native)";

if (fromArg === undefined) {
  const busy = new Map();
  prof.samples.forEach((id, i) => {
    if (byId.get(id).callFrame.functionName === "(idle)") return;
    const s = Math.floor(at[i]);
    busy.set(s, (busy.get(s) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1e6);
  });
  console.log([...busy].map(([s, v]) => `${s}:${v.toFixed(2)}`).join(" "));
  process.exit(0);
}

const from = Number(fromArg);
const to = Number(toArg);
const n = Number(nArg ?? 20);
const perFunction = new Map();
const perModule = new Map();
let total = 0;
prof.samples.forEach((id, i) => {
  if (at[i] < from || at[i] >= to) return;
  const d = prof.timeDeltas[i] ?? 0;
  total += d;
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const where = short(url);
  const fn = `${functionName || "(anonymous)"} ${where}:${lineNumber}`;
  perFunction.set(fn, (perFunction.get(fn) ?? 0) + d);
  const parts = where.split("/");
  const mod = where.startsWith("node:") ? where : parts.slice(0, parts[0].startsWith("@") ? 2 : 1).join("/");
  perModule.set(mod, (perModule.get(mod) ?? 0) + d);
});
for (const [title, map] of [
  ["self time by function", perFunction],
  ["self time by module", perModule],
]) {
  console.log(`\n== ${title}, ${from}-${to} s (${(total / 1e6).toFixed(1)} s sampled)`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}
