import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { render } from "..";
import { defaults } from "../alertmanager";
import { find, oneCluster } from "./fixtures";

/**
 * Two real Alertmanagers (Debian's 0.25; every flag render gives exists there too) run the rendered args —
 * pod DNS names and $(POD_IP) swapped for loopback addresses — and must form one gossip cluster of 2 peers.
 */
const work = mkdtempSync(path.join(tmpdir(), "render-am-run-"));
const procs: ChildProcess[] = [];
afterAll(() => {
  for (const p of procs) p.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe("a real Alertmanager pair runs the rendered StatefulSet's args", () => {
  it("loads the rendered config and gossips as one cluster", { timeout: 90_000 }, async () => {
    const objects = render(
      oneCluster([{ id: "a", kind: "alertmanager", name: "am", settings: { replicas: 2 } }]),
      "test",
    );
    const args = (find(objects, "StatefulSet", "am").spec as any).template.spec.containers[0].args as string[];
    const config = (find(objects, "ConfigMap", "am-config").data as Record<string, string>)[defaults.configFile];
    writeFileSync(path.join(work, defaults.configFile), config);

    const ports = await Promise.all([0, 1, 2, 3].map(() => freePort()));
    const web = [ports[0], ports[1]];
    const mesh = [ports[2], ports[3]];
    for (let i = 0; i < 2; i++) {
      const data = path.join(work, `data-${i}`);
      mkdirSync(data);
      const local = args.map((a) =>
        a
          .replace(`${defaults.configDir}/`, `${work}/`)
          .replace(/^--storage\.path=.*/, `--storage.path=${data}`)
          .replace(/^--web\.listen-address=.*/, `--web.listen-address=127.0.0.1:${web[i]}`)
          .replace(/^--cluster\.listen-address=.*/, `--cluster.listen-address=127.0.0.1:${mesh[i]}`)
          .replace("$(POD_IP):9094", `127.0.0.1:${mesh[i]}`)
          .replace(/^--cluster\.peer=am-(\d+)\..*$/, (_, n: string) => `--cluster.peer=127.0.0.1:${mesh[Number(n)]}`),
      );
      expect(local.filter((a) => a.startsWith("--cluster.peer="))).toHaveLength(2);
      const p = spawn("prometheus-alertmanager", local, { stdio: ["ignore", "ignore", "ignore"] });
      procs.push(p);
    }

    const until = Date.now() + 60_000;
    let peers = 0;
    let status: { cluster?: { status: string; peers?: unknown[] }; config?: { original: string } } = {};
    while (Date.now() < until) {
      try {
        status = await (await fetch(`http://127.0.0.1:${web[0]}/api/v2/status`)).json();
        peers = status.cluster?.peers?.length ?? 0;
        if (peers === 2 && status.cluster?.status === "ready") break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(peers).toBe(2);
    expect(status.config?.original).toContain("receiver: default");
    expect((await fetch(`http://127.0.0.1:${web[1]}/-/ready`)).ok).toBe(true);
  });
});
