/**
 * Proof against real Prometheus (Debian 2.42): the relabel_configs from shardRelabelConfigs partition one file_sd
 * target list across shards, and hashmodShard predicts which shard keeps each target.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashmodShard, shardRelabelConfigs } from "../hashmod";
import { prometheusSettings } from "../kinds/prometheus";

const PROMETHEUS = "/usr/bin/prometheus";
const TARGETS = 40;

interface ApiTarget {
  discoveredLabels: Record<string, string>;
  labels: Record<string, string>;
}
interface TargetsResponse {
  status: string;
  data: { activeTargets: ApiTarget[]; droppedTargets: ApiTarget[] };
}

const children: ChildProcess[] = [];
let dir = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** File_sd groups: 40 loopback addresses that need not answer, each with a `team` label for the two-label case. */
function targetGroups() {
  return Array.from({ length: TARGETS }, (_, i) => ({
    targets: [`127.0.${1 + (i % 7)}.${10 + i}:${9100 + i}`],
    labels: { team: ["red", "green", "blue"][i % 3] },
  }));
}

async function startShard(name: string, sdFile: string, relabel: object[]): Promise<string> {
  const port = await freePort();
  const base = path.join(dir, name);
  await mkdir(base, { recursive: true });
  const config = {
    global: { scrape_interval: "1h", evaluation_interval: "1h" },
    scrape_configs: [
      {
        job_name: "sharded",
        scrape_interval: "1h",
        scrape_timeout: "1s",
        file_sd_configs: [{ files: [sdFile], refresh_interval: "5s" }],
        relabel_configs: relabel,
      },
    ],
  };
  // JSON is YAML, so the config is written exactly as the objects the renderer embeds.
  const configFile = path.join(base, "prometheus.yml");
  await writeFile(configFile, JSON.stringify(config, null, 2));
  const child = spawn(
    PROMETHEUS,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(base, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (b) => (stderr = (stderr + String(b)).slice(-4000)));
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus ${name} exited ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return url;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`prometheus ${name} not ready within 30s: ${stderr}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Kept targets once discovery has settled: all targets accounted for (kept + dropped), or — if a build caps
 * droppedTargets — the kept count unchanged over three polls.
 */
async function settledKept(url: string): Promise<string[]> {
  const deadline = Date.now() + 45_000;
  let last = -1;
  let stable = 0;
  while (Date.now() < deadline) {
    const r = (await (await fetch(`${url}/api/v1/targets`)).json()) as TargetsResponse;
    const kept = r.data.activeTargets.map((t) => t.discoveredLabels.__address__);
    const total = kept.length + r.data.droppedTargets.length;
    if (total === TARGETS) return kept.sort();
    stable = total > 0 && kept.length === last ? stable + 1 : 0;
    last = kept.length;
    if (stable >= 3) return kept.sort();
    await sleep(1000);
  }
  throw new Error(`${url}: target discovery did not settle within 45s`);
}

async function runShards(
  label: string,
  settingsInput: object,
): Promise<{ kept: string[][]; settings: ReturnType<typeof prometheusSettings.parse> }> {
  const settings = prometheusSettings.parse(settingsInput);
  const sdFile = path.join(dir, `${label}-targets.json`);
  await writeFile(sdFile, JSON.stringify(targetGroups()));
  const urls: string[] = [];
  for (let k = 0; k < settings.shards; k++)
    urls.push(await startShard(`${label}-${k}`, sdFile, shardRelabelConfigs(settings, k)));
  const kept = await Promise.all(urls.map(settledKept));
  return { kept, settings };
}

beforeAll(async () => {
  if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} missing: apt-get install -y prometheus`);
  dir = await mkdtemp(path.join(tmpdir(), "hashmod-prom-"));
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

const allAddresses = () =>
  targetGroups()
    .map((g) => g.targets[0])
    .sort();

describe("hashmod shards on real Prometheus", () => {
  it("three shards on __address__ keep every target exactly once, on the shard hashmodShard predicts", async () => {
    const { kept } = await runShards("addr", { shards: 3 });
    const owner = new Map<string, number[]>();
    kept.forEach((list, k) => list.forEach((a) => owner.set(a, [...(owner.get(a) ?? []), k])));
    expect([...owner.keys()].sort()).toEqual(allAddresses());
    for (const [address, shards] of owner) {
      expect(shards, `${address} kept by shards ${shards.join(",")}`).toHaveLength(1);
      expect(hashmodShard([address], 3), address).toBe(shards[0]);
    }
    // Every shard carries load; a broken hash would pile targets onto one shard.
    for (const list of kept) expect(list.length).toBeGreaterThan(0);
    console.log(`hashmod 3 shards over ${TARGETS} targets: ${kept.map((l) => l.length).join(" / ")} kept per shard`);
  });

  it("two source labels are joined with ';' before hashing, as Prometheus does", async () => {
    const { kept } = await runShards("team", { shards: 2, hashmod: { sourceLabels: ["__address__", "team"] } });
    const teamOf = new Map(targetGroups().map((g) => [g.targets[0], g.labels.team]));
    expect(kept.flat().sort()).toEqual(allAddresses());
    kept.forEach((list, k) => {
      for (const a of list) expect(hashmodShard([a, teamOf.get(a)!], 2), a).toBe(k);
    });
  });

  it("a modulus above the shard count leaves targets scraped by no shard (the other half of hashmod-shards)", async () => {
    const { kept } = await runShards("modulus", { shards: 2, hashmod: { modulus: 3 } });
    const orphans = allAddresses().filter((a) => hashmodShard([a], 3) === 2);
    expect(orphans.length).toBeGreaterThan(0);
    expect(kept.flat().sort()).toEqual(allAddresses().filter((a) => !orphans.includes(a)));
  });

  it("without the keep rule every shard keeps every target (why lint rule hashmod-shards is an error)", async () => {
    const { kept } = await runShards("nokeep", { shards: 2, hashmod: { keepRule: false } });
    for (const list of kept) expect(list).toEqual(allAddresses());
  });
});
