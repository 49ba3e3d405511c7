// The one Git export core the server and `topo export-git` share: clone the branch (or start it), write
// each cluster folder, prune what the studio wrote before and no longer renders, commit, push. The
// working copy lives in a temp folder removed afterwards; a rejected push leaves the remote untouched
// (one commit, one ref update). No database and no "server-only": the CLI runs it as it is.
import fs from "node:fs";
import { mkdtemp, readdir, rm, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import git, { Errors, type AuthCallback } from "isomorphic-git";
import { isBundleFileName } from "@/server/render/bundle";
import { pinnedHttpClient } from "./http-client";
import { gitUrlProblem, scrubSecrets } from "./remote-url";
import { branchNameProblem } from "./ref-name";

export interface GitRemote {
  url: string;
  branch: string;
  /** Basic-auth user sent with the token; hosts accept any name with a token (GitLab wants `oauth2`). */
  username?: string;
  token?: string;
}

export interface GitFolder {
  /** Folder inside the repository (`clusters/eu-1/ha`). */
  path: string;
  /** File names inside the folder and their text (the bundle layout, plus an optional Argo CD Application). */
  files: { name: string; content: string }[];
}

export interface GitExportRequest {
  remote: GitRemote;
  allowInsecure: boolean;
  author: { name: string; email: string };
  folders: GitFolder[];
  message: string;
  /** Push here instead of `remote.branch` (a review branch), starting from it when it exists, else from the branch. */
  pushBranch?: string;
}

export type GitExportOutcome =
  { status: "pushed"; commit: string; branch: string } | { status: "unchanged"; commit: string | null; branch: string };

/** Anything that ends an export: its message is scrubbed of the credentials and safe to store or show. */
export class GitExportError extends Error {}

/** The Argo CD Application written next to the bundle when a target asks for it; pruned like the bundle. */
export const ARGO_APPLICATION_FILE = "argocd-application.yaml";

function studioOwned(name: string): boolean {
  return isBundleFileName(name) || name === ARGO_APPLICATION_FILE;
}

function session(remote: GitRemote, allowInsecure: boolean) {
  const problem = gitUrlProblem(remote.url, { allowInsecure });
  if (problem) throw new GitExportError(`${remote.url}: ${problem}`);
  const branchProblem = branchNameProblem(remote.branch);
  if (branchProblem) throw new GitExportError(`branch "${remote.branch}": ${branchProblem}`);
  const onAuth: AuthCallback = () =>
    remote.token ? { username: remote.username || "git", password: remote.token } : undefined;
  return {
    http: pinnedHttpClient(new URL(remote.url).origin),
    onAuth,
    // Returning nothing makes isomorphic-git stop with the 401 instead of asking again forever.
    onAuthFailure: () => undefined,
    fail: (err: unknown) => new GitExportError(scrubSecrets(describe(err, remote), [remote.token])),
  };
}

/** The remote's own words where it gave any, with what the studio was doing. */
function describe(err: unknown, remote: GitRemote): string {
  const host = (() => {
    try {
      return new URL(remote.url).host;
    } catch {
      return remote.url;
    }
  })();
  if (err instanceof GitExportError) return err.message;
  if (err instanceof Errors.HttpError) {
    const { statusCode, statusMessage, response } = err.data;
    const said = response?.trim() ? `: ${response.trim().slice(0, 500)}` : "";
    if (statusCode === 401) return `${host} refused the credentials (HTTP 401 ${statusMessage})${said}`;
    if (statusCode === 403) return `${host} refused access (HTTP 403 ${statusMessage})${said}`;
    if (statusCode === 404) return `${host} has no repository at ${new URL(remote.url).pathname} (HTTP 404)`;
    return `${host} answered HTTP ${statusCode} ${statusMessage}${said}`;
  }
  if (err instanceof Errors.PushRejectedError)
    return `push rejected by ${host}: ${err.data.reason} (someone pushed in between; export again)`;
  if (err instanceof Errors.GitPushError) return `push rejected by ${host}: ${err.data.prettyDetails}`;
  if (err instanceof Errors.UserCanceledError) return `${host} refused the credentials`;
  const e = err as NodeJS.ErrnoException;
  if (e?.code && /^E[A-Z]+$/.test(e.code)) return `cannot reach ${host}: ${e.message}`;
  return `${host}: ${(err as Error)?.message ?? String(err)}`;
}

export interface RemoteCheck {
  /** The remote answered (a refusal of the credentials is an answer too). */
  reachable: boolean;
  branchExists: boolean;
  /** The branch head, when it exists. */
  head: string | null;
}

/** Reachable, credentials good for a push (the receive-pack advertisement), and whether the branch exists. */
export async function checkRemote(remote: GitRemote, allowInsecure: boolean): Promise<RemoteCheck> {
  const s = session(remote, allowInsecure);
  try {
    const info = await git.getRemoteInfo2({ ...s, url: remote.url, forPush: true, protocolVersion: 1 });
    const head = info.refs?.find((r) => r.ref === `refs/heads/${remote.branch}`)?.oid ?? null;
    return { reachable: true, branchExists: head !== null, head };
  } catch (err) {
    throw s.fail(err);
  }
}

/** Exports the folders in one commit; `unchanged` (no commit, no push) when the tree would not change. */
export async function exportToGit(req: GitExportRequest): Promise<GitExportOutcome> {
  const { remote } = req;
  const s = session(remote, req.allowInsecure);
  const target = req.pushBranch ?? remote.branch;
  if (req.pushBranch) {
    const p = branchNameProblem(req.pushBranch);
    if (p) throw new GitExportError(`branch "${req.pushBranch}": ${p}`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "studio-git-"));
  try {
    const info = await git.getRemoteInfo2({ ...s, url: remote.url, forPush: true, protocolVersion: 1 });
    const heads = new Set((info.refs ?? []).map((r) => r.ref));
    const base = heads.has(`refs/heads/${target}`)
      ? target
      : heads.has(`refs/heads/${remote.branch}`)
        ? remote.branch
        : null;
    // init + fetch of the one branch rather than clone: clone also resolves the remote's HEAD, which
    // a fresh bare repository leaves dangling. An empty repository: the first commit starts the branch.
    await git.init({ fs, dir, defaultBranch: target });
    await git.addRemote({ fs, dir, remote: "origin", url: remote.url });
    if (base) {
      const fetched = await git.fetch({
        fs,
        ...s,
        dir,
        remote: "origin",
        ref: base,
        singleBranch: true,
        depth: 1,
        tags: false,
      });
      await git.writeRef({ fs, dir, ref: `refs/heads/${target}`, value: fetched.fetchHead!, force: true });
      await git.checkout({ fs, dir, ref: target, force: true });
    }
    await writeFolders(dir, req.folders);
    const changed = (await git.statusMatrix({ fs, dir })).some(
      ([, head, work, stage]) => head !== work || work !== stage,
    );
    const headOid = base ? await git.resolveRef({ fs, dir, ref: "HEAD" }) : null;
    if (!changed) return { status: "unchanged", commit: headOid, branch: base ?? target };
    const commit = await git.commit({
      fs,
      dir,
      message: req.message,
      author: { name: req.author.name, email: req.author.email },
    });
    const result = await git.push({ fs, ...s, dir, remote: "origin", ref: target, remoteRef: `refs/heads/${target}` });
    const refResult = result.refs?.[`refs/heads/${target}`];
    if (!result.ok || (refResult && !refResult.ok))
      throw new GitExportError(
        `push rejected: ${refResult?.error ?? result.error ?? "the remote did not accept the update"}`,
      );
    return { status: "pushed", commit, branch: target };
  } catch (err) {
    throw s.fail(err);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes every folder and stages it: files the studio wrote earlier and no longer renders are removed. */
async function writeFolders(dir: string, folders: readonly GitFolder[]): Promise<void> {
  for (const folder of folders) {
    const abs = path.join(dir, folder.path);
    await mkdir(abs, { recursive: true });
    const keep = new Set(folder.files.map((f) => f.name));
    for (const entry of await readdir(abs, { withFileTypes: true })) {
      if (!entry.isFile() || !studioOwned(entry.name) || keep.has(entry.name)) continue;
      await rm(path.join(abs, entry.name));
      await git.remove({ fs, dir, filepath: `${folder.path}/${entry.name}` });
    }
    for (const f of folder.files) {
      await writeFile(path.join(abs, f.name), f.content);
      await git.add({ fs, dir, filepath: `${folder.path}/${f.name}` });
    }
  }
}
