// The Git export core against a real Git server on 127.0.0.1 (node-git-server + the git binary):
// first export, unchanged re-export, prune, review branch, wrong token, protected branch, a push that
// lost a race, and remotes refused by policy. A real `git clone` reads back every result.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRemote, exportToGit, GitExportError, type GitExportRequest } from "../export";
import { startGitServer, type TestGitServer } from "./git-server";

let srv: TestGitServer;
beforeAll(async () => {
  srv = await startGitServer();
}, 30_000);
afterAll(async () => srv?.stop());

function request(repo: string, files: Record<string, string>, extra: Partial<GitExportRequest> = {}): GitExportRequest {
  return {
    remote: { url: srv.url(repo), branch: "main", username: srv.user, token: srv.token },
    allowInsecure: true,
    author: { name: "Topology Studio", email: "studio@example.test" },
    folders: [{ path: "clusters/eu/demo", files: Object.entries(files).map(([name, content]) => ({ name, content })) }],
    message: "demo r1",
    ...extra,
  };
}

async function failure(p: Promise<unknown>): Promise<GitExportError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GitExportError);
  return err as GitExportError;
}

describe("export core", () => {
  it("exports into an empty repository, then an unchanged re-export makes no commit", async () => {
    const first = await exportToGit(request("a", { "01-namespace-x.yaml": "a: 1\n", "kustomization.yaml": "k: 1\n" }));
    expect(first.status).toBe("pushed");
    expect(await srv.log("a", "main")).toEqual([(first as { commit: string }).commit]);
    const dir = await srv.clone("a", "main");
    expect(readdirSync(path.join(dir, "clusters/eu/demo")).sort()).toEqual([
      "01-namespace-x.yaml",
      "kustomization.yaml",
    ]);
    const again = await exportToGit(request("a", { "01-namespace-x.yaml": "a: 1\n", "kustomization.yaml": "k: 1\n" }));
    expect(again).toEqual({ status: "unchanged", commit: (first as { commit: string }).commit, branch: "main" });
    expect(await srv.log("a", "main")).toHaveLength(1);
  });

  it("removes files it wrote before and no longer renders, and leaves other files in the folder alone", async () => {
    await exportToGit(request("b", { "01-a.yaml": "a\n", "02-b.yaml": "b\n", "kustomization.yaml": "k\n" }));
    await srv.commitAsSomeoneElse("b", "main", "clusters/eu/demo/README.md", "hand-written\n");
    const next = await exportToGit(request("b", { "01-a.yaml": "a\n", "kustomization.yaml": "k2\n" }));
    expect(next.status).toBe("pushed");
    const dir = await srv.clone("b", "main");
    expect(readdirSync(path.join(dir, "clusters/eu/demo")).sort()).toEqual([
      "01-a.yaml",
      "README.md",
      "kustomization.yaml",
    ]);
    expect(readFileSync(path.join(dir, "clusters/eu/demo/kustomization.yaml"), "utf8")).toBe("k2\n");
  });

  it("pushes to a review branch based on the target branch, leaving the branch as it was", async () => {
    const base = await exportToGit(request("c", { "01-a.yaml": "a\n" }));
    const review = await exportToGit(
      request("c", { "01-a.yaml": "changed\n" }, { pushBranch: "topology-studio/demo-r2", message: "demo r2" }),
    );
    expect(review.status).toBe("pushed");
    expect(review.branch).toBe("topology-studio/demo-r2");
    expect(await srv.log("c", "main")).toEqual([(base as { commit: string }).commit]);
    const log = await srv.log("c", "topology-studio/demo-r2");
    expect(log).toEqual([(review as { commit: string }).commit, (base as { commit: string }).commit]);
  });

  it("wrong credentials: a clear failure that never quotes the token", async () => {
    const wrong = "wrong-token-sentinel-9f2c";
    const req = request("d", { "01-a.yaml": "a\n" });
    req.remote.token = wrong;
    const err = await failure(exportToGit(req));
    expect(err.message).toMatch(/refused the credentials \(HTTP 401/);
    expect(err.message).not.toContain(wrong);
    const check = await failure(checkRemote(req.remote, true));
    expect(check.message).toMatch(/refused the credentials/);
    expect(await srv.log("d", "main")).toEqual([]);
  });

  it("a protected branch fails with the server's message and nothing is written", async () => {
    await exportToGit(request("e", { "01-a.yaml": "a\n" }));
    const before = await srv.log("e", "main");
    srv.protectedBranches.add("main");
    try {
      const err = await failure(exportToGit(request("e", { "01-a.yaml": "b\n" })));
      expect(err.message).toContain("branch main is protected: changes must go through a merge request");
      expect(err.message).not.toContain(srv.token);
    } finally {
      srv.protectedBranches.delete("main");
    }
    expect(await srv.log("e", "main")).toEqual(before);
  });

  it("someone pushed in between: the push is rejected as not a fast-forward and their commit stays", async () => {
    await exportToGit(request("f", { "01-a.yaml": "a\n" }));
    srv.beforePush = (repo, branch) => srv.commitAsSomeoneElse(repo, branch, "other.txt", "theirs\n");
    const err = await failure(exportToGit(request("f", { "01-a.yaml": "b\n" })));
    expect(err.message).toMatch(/push rejected/);
    const dir = await srv.clone("f", "main");
    expect(readFileSync(path.join(dir, "clusters/eu/demo/01-a.yaml"), "utf8")).toBe("a\n");
    expect(existsSync(path.join(dir, "other.txt"))).toBe(true);
  });

  it("refuses http:// without the insecure allowance, ssh and git:// always, before any connection", async () => {
    const req = request("g", { "01-a.yaml": "a\n" }, { allowInsecure: false });
    expect((await failure(exportToGit(req))).message).toMatch(/plain http:\/\/ would send the token in clear/);
    for (const url of ["git@github.com:o/r.git", "ssh://git@h/o/r.git", "git://h/o/r.git"]) {
      const r = request("g", {}, { remote: { url, branch: "main" } });
      expect((await failure(exportToGit(r))).message).toMatch(
        /ssh remotes are not supported|git:\/\/ is unauthenticated/,
      );
    }
    expect(await srv.log("g", "main")).toEqual([]);
  });

  it("an unreachable remote fails with a reason", async () => {
    const req = request("h", { "01-a.yaml": "a\n" });
    req.remote.url = "http://127.0.0.1:1/nothing.git";
    expect((await failure(exportToGit(req))).message).toMatch(/cannot reach 127\.0\.0\.1:1/);
  });
});
