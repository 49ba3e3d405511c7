// If the app dies mid-run, the run is marked "interrupted" on the next start, never left "running",
// and its lock is released so the next deploy can go. A real app-like process is SIGKILLed mid-rollout.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "@/e2e/kube-api";
import { registerCluster } from "@/server/clusters/service";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { designService } from "@/server/designs/service";
import { startupChecks } from "@/server/startup";
import { parseProgress } from "../runner";
import { getDeployment, startDeployment } from "../service";

process.env.STUDIO_SECRET_KEY ??= "interrupted-test-secret-key";
const root = path.resolve(import.meta.dirname, "..", "..", "..");
let kube: KubeApiServer;
let url: string;

beforeAll(async () => {
  url = await useTestDatabase();
  kube = await startKubeApi({ readyDelayMs: Infinity }); // pods never become ready: the run waits in rollout
});
afterAll(async () => kube?.stop());

it("a deploy whose app process is killed mid-rollout is marked interrupted at the next start, and the lock is released", async () => {
  const u = await db().user.create({
    data: { email: "d@t.test", name: "Deployer", role: "deployer", passwordHash: "x" },
  });
  const actor = {
    user: { id: u.id, email: u.email, name: u.name, role: "deployer" as const },
    via: "session" as const,
  };
  const cluster = await registerCluster(
    { ...actor, user: { ...actor.user, role: "admin" } },
    { name: "sandbox", kubeconfig: kube.kubeconfig("admin") },
  );
  const svc = designService();
  const { id: designId } = await svc.create(u, { name: "killed", template: "sidecar-ha" });
  const cur = await svc.get(designId);
  const design = structuredClone(cur.design);
  (design.components.find((c) => c.kind === "cluster")!.settings as Record<string, unknown>).registeredClusterId =
    cluster.id;
  await svc.save(u, designId, { baseRevision: cur.revision, design });

  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "server/deployments/test/deploy-worker.ts", url, designId, u.id],
    {
      cwd: root,
      env: { ...process.env, STUDIO_ROLLOUT_TIMEOUT_MS: "600000", STUDIO_ROLLOUT_INTERVAL_MS: "100" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise((r) => child.once("exit", r));

  // Wait until the worker's run is rolling out (a workload is "waiting"), as recorded in the database.
  let deploymentId: string;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`worker exited early:\n${out}`);
    const row = await db().deployment.findFirst({ where: { designId } });
    if (row && parseProgress(row.results)?.objects.some((o) => o.phase === "waiting")) {
      deploymentId = row.id;
      break;
    }
    if (Date.now() > deadline) throw new Error(`the run never reached rollout:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  await exited;

  // Dead, but the database still says running and holds the lock.
  expect((await db().deployment.findUniqueOrThrow({ where: { id: deploymentId } })).status).toBe("running");
  expect(await db().deploymentLock.count({ where: { designId } })).toBe(1);

  // The app starts again (instrumentation → startupChecks) on the same host.
  await startupChecks();
  const d = await getDeployment(deploymentId);
  expect(d.status).toBe("interrupted");
  expect(d.finishedAt).not.toBeNull();
  expect(d.error).toMatch(/stopped before it finished/);
  expect(d.objects.some((o) => o.phase === "waiting")).toBe(true); // what it had reached is kept
  expect(await db().deploymentLock.count({ where: { designId } })).toBe(0);

  // And the next deploy is allowed: it holds the lock now.
  const next = await startDeployment(actor, designId, { cluster: "prod" });
  expect(next.id).not.toBe(deploymentId);
  expect(await db().deploymentLock.findFirst({ where: { designId } })).toMatchObject({ deploymentId: next.id });
}, 120_000);
