// Which Git remotes the studio talks to, and how it keeps their credentials out of every message.
// isomorphic-git speaks smart HTTP only: ssh and git:// are refused with a message that says so.

export interface RemotePolicy {
  /** Plain http:// (a loopback test server, a lab Gitea); off in production so a token never travels in clear. */
  allowInsecure: boolean;
}

/** ssh:// (and git+ssh://) URLs, and scp-like `git@host:org/repo.git` or `host.example:org/repo.git`. */
const SSH_URL = /^(?:ssh|git\+ssh|ssh\+git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+)$/i;
const SCP_LIKE = /^(?:[\w.-]+@([\w.-]+)|([\w-]+(?:\.[\w-]+)+)):(?!\/\/)\/?(.+)$/;

/** The https URL most hosts serve the same repository at, so the refusal can say what to type instead. */
function httpsEquivalent(url: string): string | null | undefined {
  const ssh = SSH_URL.exec(url);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  const scp = SCP_LIKE.exec(url);
  if (scp) return `https://${scp[1] ?? scp[2]}/${scp[3]}`;
  return /^(?:ssh|git\+ssh|ssh\+git):/i.test(url) ? null : undefined;
}

/** Why a repository URL cannot be a Git target, or null when it can. */
export function gitUrlProblem(url: string, policy: RemotePolicy): string | null {
  const https = httpsEquivalent(url);
  if (https !== undefined)
    return `ssh remotes are not supported (the studio's Git client speaks smart HTTP only); use the repository's https URL with a token${https ? `, such as ${https}` : ""}`;
  if (url.startsWith("git://"))
    return "git:// is unauthenticated and not supported; use the repository's https URL with a token";
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "not a URL; expected https://host/owner/repo.git";
  }
  if (u.protocol === "http:") {
    if (!policy.allowInsecure)
      return "plain http:// would send the token in clear; use https, or an admin turns on “Allow insecure Git remotes”";
  } else if (u.protocol !== "https:") return `unsupported scheme ${u.protocol}; use https://`;
  if (u.username || u.password) return "put the credentials in the token field, not in the URL";
  if (u.search || u.hash) return "a repository URL has no query or fragment";
  if (!u.hostname) return "the URL names no host";
  if (u.pathname === "/" || u.pathname === "") return "the URL names no repository path";
  return null;
}

/**
 * Removes every form a credential can take in a remote's answer or an error: as typed, URL-encoded, and
 * inside a basic-auth header. Applied to every message before it is stored, returned or logged.
 */
export function scrubSecrets(message: string, secrets: readonly (string | undefined)[]): string {
  let out = message;
  for (const s of secrets) {
    if (!s) continue;
    for (const form of [s, encodeURIComponent(s), Buffer.from(s).toString("base64")])
      if (form.length >= 4) out = out.split(form).join("***");
  }
  // A basic-auth header of any user:token pair, should a library ever echo one.
  return out.replace(/(authorization:\s*basic\s+)[A-Za-z0-9+/=]+/gi, "$1***");
}

/**
 * Where a person sees a commit: GitHub / GitLab / Gitea style `…/commit/<sha>` on hosts known to serve it,
 * the repository's own URL otherwise (null only for a URL that is not http(s)).
 */
export function commitUrl(repoUrl: string, sha: string): string | null {
  let u: URL;
  try {
    u = new URL(repoUrl);
  } catch {
    return null;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  const base = `${u.origin}${u.pathname.replace(/\.git$/, "").replace(/\/+$/, "")}`;
  if (
    /(^|\.)(github\.com|gitlab\.com|codeberg\.org|bitbucket\.org)$/.test(u.hostname) ||
    /gitlab|gitea|forgejo/.test(u.hostname)
  )
    return u.hostname.endsWith("bitbucket.org") ? `${base}/commits/${sha}` : `${base}/commit/${sha}`;
  return repoUrl;
}
