// The pure rules of Git targets: branch names as git check-ref-format takes them, path templates that
// stay inside the repository, which remote URLs are refused, credentials scrubbed, commit links.
import { describe, expect, it } from "vitest";
import { expandPath, pathTemplateProblem } from "../path-template";
import { branchNameProblem } from "../ref-name";
import { commitUrl, gitUrlProblem, scrubSecrets } from "../remote-url";

describe("branch names", () => {
  it("accepts what git accepts", () => {
    for (const b of ["main", "release/2026-12", "topology-studio/platform-ha-r4", "feature_x.y"])
      expect(branchNameProblem(b), b).toBeNull();
  });
  it("refuses what git check-ref-format --branch refuses", () => {
    for (const b of [
      "",
      "-x",
      "a..b",
      "a//b",
      "/a",
      "a/",
      "a.",
      "x.lock",
      "a/.hidden",
      "a b",
      "a~1",
      "a^",
      "a:b",
      "a?",
      "a*",
      "a[",
      "a\\b",
      "a@{1}",
      "@",
    ])
      expect(branchNameProblem(b), JSON.stringify(b)).not.toBeNull();
  });
});

describe("path templates", () => {
  it("expands the three placeholders", () => {
    expect(pathTemplateProblem("clusters/{cluster}/{design}")).toBeNull();
    expect(expandPath("envs/{namespace}/{cluster}", { cluster: "eu-1", design: "d", namespace: "mon" })).toBe(
      "envs/mon/eu-1",
    );
  });
  it("refuses unknown placeholders, escapes from the repository and .git", () => {
    expect(pathTemplateProblem("clusters/{region}")).toMatch(/unknown placeholder \{region\}/);
    expect(pathTemplateProblem("../{cluster}")).toMatch(/'\.\.' is not allowed/);
    expect(pathTemplateProblem("/abs/{cluster}")).toMatch(/empty path segment/);
    expect(pathTemplateProblem(".git/{cluster}")).toMatch(/\.git/);
    expect(pathTemplateProblem("a/{cluster")).toMatch(/unbalanced/);
    expect(() => expandPath("x/{design}", { cluster: "c", design: "..", namespace: "n" })).toThrow(/not allowed/);
  });
});

describe("remote URLs", () => {
  it("takes https, and http only when allowed", () => {
    expect(gitUrlProblem("https://github.com/acme/platform.git", { allowInsecure: false })).toBeNull();
    expect(gitUrlProblem("http://gitea.lab/acme/p.git", { allowInsecure: false })).toMatch(/token in clear/);
    expect(gitUrlProblem("http://gitea.lab/acme/p.git", { allowInsecure: true })).toBeNull();
  });
  it("refuses ssh, git://, credentials in the URL and URLs with no repository", () => {
    expect(gitUrlProblem("git@github.com:acme/p.git", { allowInsecure: true })).toMatch(
      /ssh remotes are not supported/,
    );
    expect(gitUrlProblem("ssh://git@github.com/acme/p.git", { allowInsecure: true })).toMatch(/ssh/);
    // scp-like without a user still names ssh, and the https URL to use instead.
    expect(gitUrlProblem("github.com:acme/p.git", { allowInsecure: true })).toMatch(
      /ssh remotes are not supported.*such as https:\/\/github\.com\/acme\/p\.git$/,
    );
    expect(gitUrlProblem("git://github.com/acme/p.git", { allowInsecure: true })).toMatch(/git:\/\//);
    expect(gitUrlProblem("https://user:tok@github.com/acme/p.git", { allowInsecure: true })).toMatch(/not in the URL/);
    expect(gitUrlProblem("https://github.com/", { allowInsecure: true })).toMatch(/no repository path/);
    expect(gitUrlProblem("file:///srv/repo.git", { allowInsecure: true })).toMatch(/unsupported scheme/);
  });
  it("scrubs a token in every form it can take", () => {
    const t = "ghp_s3cr3t/+=token";
    const msg = `failed ${t} ${encodeURIComponent(t)} ${Buffer.from(t).toString("base64")} Authorization: Basic Z2l0OnNlY3JldA==`;
    const out = scrubSecrets(msg, [t]);
    expect(out).not.toContain(t);
    expect(out).not.toContain(encodeURIComponent(t));
    expect(out).not.toContain(Buffer.from(t).toString("base64"));
    expect(out).not.toContain("Z2l0OnNlY3JldA==");
  });
  it("builds commit links for known hosts, the repository URL otherwise", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(commitUrl("https://github.com/acme/platform.git", sha)).toBe(
      `https://github.com/acme/platform/commit/${sha}`,
    );
    expect(commitUrl("https://gitlab.example.com/g/p.git", sha)).toBe(`https://gitlab.example.com/g/p/commit/${sha}`);
    expect(commitUrl("https://bitbucket.org/acme/p.git", sha)).toBe(`https://bitbucket.org/acme/p/commits/${sha}`);
    expect(commitUrl("http://127.0.0.1:9/x.git", sha)).toBe("http://127.0.0.1:9/x.git");
    expect(commitUrl("not a url", sha)).toBeNull();
  });
});
