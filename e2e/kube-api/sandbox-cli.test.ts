// `npm run sandbox:kube -- --port N --kubeconfig PATH` as people and scripts start it.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const KUBECTL = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].find((p) => existsSync(p));
const SCRIPT = join(import.meta.dirname, "..", "..", "scripts", "sandbox-kube.ts");

describe.skipIf(!KUBECTL)("sandbox:kube CLI", () => {
  it("starts the server and writes kubeconfigs that kubectl uses (admin and readonly)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-cli-"));
    const kc = join(dir, "admin.yaml");
    const ro = join(dir, "ro.yaml");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", SCRIPT, "--port", "0", "--kubeconfig", kc, "--readonly-kubeconfig", ro],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (c: Buffer) => {
          out += c.toString();
          if (out.includes("(readonly) written to")) resolve(out);
        });
        child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
      });
      expect(banner).toMatch(/kube-api sandbox listening on https:\/\/127\.0\.0\.1:\d+/);
      const run = promisify(execFile);
      const version = await run(KUBECTL!, ["--kubeconfig", kc, "version"]);
      expect(version.stdout).toContain("Server Version: v1.32.0-topology-sandbox");
      const can = await run(KUBECTL!, ["--kubeconfig", ro, "auth", "can-i", "get", "pods"]);
      expect(can.stdout.trim()).toBe("yes");
    } finally {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
