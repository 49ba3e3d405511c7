// A real Git server for tests: node-git-server over smart HTTP on 127.0.0.1 (the git binary's
// upload-pack / receive-pack behind it), basic auth checked against one token, optional protected
// branches and a hook that runs when a push arrives (to let "someone else" push first).
import { execFile } from "node:child_process";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Git } from "node-git-server";

const run = promisify(execFile);

export interface TestGitServer {
  /** `http://127.0.0.1:PORT/<repo>.git` */
  url(repo: string): string;
  readonly token: string;
  readonly user: string;
  /** Pushes to these branches are rejected with a 403 and a message, like a host's branch protection. */
  protectedBranches: Set<string>;
  /** Runs before a push is accepted (once per push), e.g. to move the branch under the pusher. */
  beforePush: ((repo: string, branch: string) => Promise<void>) | null;
  /** `git` in a fresh clone of `repo` at `branch` (a real git binary reads what the studio pushed). */
  clone(repo: string, branch: string): Promise<string>;
  /** The commit ids of a branch, newest first (empty when it does not exist). */
  log(repo: string, branch: string): Promise<string[]>;
  /** Commits one file to `branch` of the bare repo with the git binary, as another person would. */
  commitAsSomeoneElse(repo: string, branch: string, file: string, content: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startGitServer(opts: { token?: string; user?: string } = {}): Promise<TestGitServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), "studio-git-server-"));
  const scratch = mkdtempSync(path.join(os.tmpdir(), "studio-git-work-"));
  const token = opts.token ?? `tok-${Math.random().toString(36).slice(2)}-secret`;
  const user = opts.user ?? "studio";
  // Repositories start with HEAD on main, as hosts create them (node-git-server runs `git init --bare`).
  Object.assign(process.env, {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "init.defaultBranch",
    GIT_CONFIG_VALUE_0: "main",
  });
  const repos = new Git(root, {
    autoCreate: true,
    authenticate: async ({ user: credentials }) => {
      const [u, p] = await credentials();
      if (u !== user || p !== token) throw new Error("invalid username or token");
    },
  });
  const server: TestGitServer = {
    token,
    user,
    protectedBranches: new Set(),
    beforePush: null,
    url: (repo) => `http://127.0.0.1:${port}/${repo}.git`,
    async clone(repo, branch) {
      const dir = mkdtempSync(path.join(scratch, "clone-"));
      await run("git", ["clone", "-q", "--branch", branch, path.join(root, `${repo}.git`), dir]);
      return dir;
    },
    async log(repo, branch) {
      try {
        const { stdout } = await run("git", ["--git-dir", path.join(root, `${repo}.git`), "rev-list", branch]);
        return stdout.trim().split("\n").filter(Boolean);
      } catch {
        return [];
      }
    },
    async commitAsSomeoneElse(repo, branch, file, content) {
      const dir = await server.clone(repo, branch);
      const git = (...a: string[]) =>
        run("git", ["-C", dir, "-c", "user.name=Someone", "-c", "user.email=s@e.test", ...a]);
      await import("node:fs/promises").then((f) => f.writeFile(path.join(dir, file), content));
      await git("add", file);
      await git("commit", "-qm", "someone else");
      await git("push", "-q", "origin", branch);
    },
    async stop() {
      listener.closeAllConnections();
      await new Promise((r) => listener.close(r));
      rmSync(root, { recursive: true, force: true });
      rmSync(scratch, { recursive: true, force: true });
    },
  };
  repos.on("push", (push) => {
    if (server.protectedBranches.has(push.branch)) {
      push.reject(403, `branch ${push.branch} is protected: changes must go through a merge request`);
      return;
    }
    const hook = server.beforePush;
    server.beforePush = null;
    if (!hook) return push.accept();
    hook(push.repo.replace(/\.git$/, ""), push.branch).then(
      () => push.accept(),
      (err: Error) => push.reject(500, err.message),
    );
  });
  repos.on("fetch", (f) => f.accept());
  // Bound to loopback only (node-git-server's own listen() would take every interface).
  const listener = http.createServer((req, res) => repos.handle(req, res));
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", () => resolve()));
  const port = (listener.address() as AddressInfo).port;
  return server;
}
