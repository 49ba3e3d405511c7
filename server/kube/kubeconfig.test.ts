import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { KubeconfigError, listContexts, validateKubeconfig } from "./kubeconfig";

const TOKEN = "s3cr3t-token-value-0123456789";
const CA = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIBfakeCAdata\n-----END CERTIFICATE-----\n").toString("base64");
const CERT = Buffer.from("client-cert-data-secret").toString("base64");
const KEY = Buffer.from("client-key-data-secret").toString("base64");

function config(
  user: Record<string, unknown>,
  cluster: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return YAML.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "prod",
        cluster: { server: "https://k8s.example.com:6443", "certificate-authority-data": CA, ...cluster },
      },
    ],
    users: [{ name: "deployer", user }],
    contexts: [{ name: "prod-ctx", context: { cluster: "prod", user: "deployer", namespace: "monitoring" } }],
    "current-context": "prod-ctx",
    ...extra,
  });
}

const rejects = (text: string, opts?: Parameters<typeof validateKubeconfig>[1]) => {
  try {
    validateKubeconfig(text, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(KubeconfigError);
    const msg = (e as Error).message;
    // Never echo credentials or file paths back.
    for (const secret of [TOKEN, CA, CERT, KEY, "/etc/kubernetes", "/home/me", "aws-iam-authenticator"])
      expect(msg).not.toContain(secret);
    return msg;
  }
  throw new Error("expected the kubeconfig to be rejected");
};

describe("accepted kubeconfigs", () => {
  it("a token user: summary shows server, context, user and namespace, nothing secret", () => {
    const v = validateKubeconfig(config({ token: TOKEN }));
    expect(v.summary).toEqual({
      server: "https://k8s.example.com:6443",
      contextName: "prod-ctx",
      clusterName: "prod",
      userName: "deployer",
      namespace: "monitoring",
    });
    expect(JSON.stringify(v.summary)).not.toContain(TOKEN);
    expect(YAML.parse(v.yaml).users[0].user.token).toBe(TOKEN);
  });

  it("flags insecure-skip-tls-verify in the summary", () => {
    expect(
      validateKubeconfig(config({ token: TOKEN }, { "insecure-skip-tls-verify": true })).summary.insecureSkipTlsVerify,
    ).toBe(true);
  });

  it("a client-certificate user with inline data", () => {
    expect(
      validateKubeconfig(config({ "client-certificate-data": CERT, "client-key-data": KEY })).summary.userName,
    ).toBe("deployer");
  });

  it("keeps only the chosen context, its cluster and user", () => {
    const text = YAML.stringify({
      ...YAML.parse(config({ token: TOKEN })),
      contexts: [
        { name: "prod-ctx", context: { cluster: "prod", user: "deployer" } },
        { name: "other", context: { cluster: "prod", user: "exec-user" } },
      ],
      users: [
        { name: "deployer", user: { token: TOKEN } },
        { name: "exec-user", user: { exec: { command: "aws-iam-authenticator" } } },
      ],
    });
    expect(listContexts(text)).toEqual(["prod-ctx", "other"]);
    const v = validateKubeconfig(text, { context: "prod-ctx" });
    const reduced = YAML.parse(v.yaml);
    expect(reduced.contexts.map((c: { name: string }) => c.name)).toEqual(["prod-ctx"]);
    expect(reduced.users.map((u: { name: string }) => u.name)).toEqual(["deployer"]);
  });

  it("exec plugins pass only when the admin setting allows them", () => {
    const text = config({
      exec: { apiVersion: "client.authentication.k8s.io/v1", command: "aws-iam-authenticator", args: ["token"] },
    });
    expect(rejects(text)).toMatch(/exec credential plugin/);
    expect(validateKubeconfig(text, { allowExec: true }).summary.userName).toBe("deployer");
  });
});

describe("rejected kubeconfigs", () => {
  it("auth-provider users", () => {
    expect(rejects(config({ "auth-provider": { name: "oidc", config: { "id-token": TOKEN } } }))).toMatch(
      /User "deployer" uses an auth-provider/,
    );
  });
  it("tokenFile and token-file", () => {
    expect(rejects(config({ tokenFile: "/etc/kubernetes/token" }))).toMatch(/uses tokenFile, a file on the server/);
    expect(rejects(config({ "token-file": "/etc/kubernetes/token" }))).toMatch(/uses token-file, a file on the server/);
  });
  it("client-certificate and client-key paths", () => {
    expect(rejects(config({ "client-certificate": "/home/me/cert.pem", "client-key-data": KEY }))).toMatch(
      /client-certificate, a file on the server; paste it inline as client-certificate-data/,
    );
    expect(rejects(config({ "client-certificate-data": CERT, "client-key": "/home/me/key.pem" }))).toMatch(
      /client-key, a file on the server/,
    );
  });
  it("certificate-authority paths", () => {
    expect(
      rejects(
        config(
          { token: TOKEN },
          { "certificate-authority": "/etc/kubernetes/ca.crt", "certificate-authority-data": undefined },
        ),
      ),
    ).toMatch(/Cluster "prod" uses certificate-authority, a file on the server/);
  });
  it("missing contexts, clusters, users and server", () => {
    expect(rejects(config({ token: TOKEN }, {}, { contexts: [] }))).toBe("The kubeconfig has no contexts.");
    expect(rejects(config({ token: TOKEN }), { context: "nope" })).toBe(
      'Context "nope" is not in the kubeconfig (available: "prod-ctx").',
    );
    expect(rejects(config({ token: TOKEN }, {}, { clusters: [] }))).toMatch(
      /refers to cluster "prod", which is not in the kubeconfig/,
    );
    expect(rejects(config({ token: TOKEN }, {}, { users: [] }))).toMatch(
      /refers to user "deployer", which is not in the kubeconfig/,
    );
    expect(rejects(config({ token: TOKEN }, { server: undefined }))).toMatch(/has no server URL/);
    expect(rejects(config({ token: TOKEN }, { server: "ftp://x" }))).toMatch(/must be an https:\/\/ URL/);
    expect(rejects(config({ token: TOKEN }, { server: "http://k8s.example.com" }))).toMatch(
      /must be an https:\/\/ URL \(credentials would otherwise travel in clear text\)/,
    );
    const noCurrent = YAML.stringify({
      ...YAML.parse(config({ token: TOKEN })),
      "current-context": undefined,
      contexts: [
        { name: "a", context: { cluster: "prod", user: "deployer" } },
        { name: "b", context: { cluster: "prod", user: "deployer" } },
      ],
    });
    expect(rejects(noCurrent)).toBe('Choose a context: "a", "b".');
  });
  it("users without credentials, half a client certificate", () => {
    expect(rejects(config({}))).toMatch(/has no credentials/);
    expect(rejects(config({ "client-certificate-data": CERT }))).toMatch(
      /needs both client-certificate-data and client-key-data/,
    );
  });
  it("text that is not YAML or not a Config, without quoting it", () => {
    const msg = rejects(`users:\n  - name: x\n    user: {token: "${TOKEN}"\n  bad: [`);
    expect(msg).toMatch(/^The kubeconfig is not valid YAML/);
    expect(rejects("clusters: 5")).toMatch(/is not a valid Config: clusters is malformed/);
  });
});
