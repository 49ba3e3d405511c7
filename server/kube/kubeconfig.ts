// Validation of a pasted kubeconfig before anything is stored. A control plane must not run
// commands or read its own disk because of an upload, so exec plugins, auth providers and every
// file-path form are rejected; only the inline *-data forms and tokens are accepted. Messages name
// contexts, clusters, users and fields, never their values.
import YAML from "yaml";
import { z } from "zod";

export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KubeconfigError";
  }
}

/** What may be shown about a stored kubeconfig. */
export interface KubeconfigSummary {
  server: string;
  contextName: string;
  clusterName: string;
  userName: string;
  namespace?: string;
  /** The kubeconfig turns off TLS verification: worth a warning wherever the cluster is shown. */
  insecureSkipTlsVerify?: boolean;
  /** Credentials come from an exec plugin: they are not tried at registration (that would run it). */
  execPlugin?: boolean;
}

export interface ValidatedKubeconfig {
  /** A kubeconfig reduced to the chosen context, its cluster and user; this is what gets encrypted and stored. */
  yaml: string;
  summary: KubeconfigSummary;
}

export interface KubeconfigOptions {
  /** Context to use; default: current-context, or the only context. */
  context?: string;
  /** Admin setting: allow `exec` credential plugins (off by default). */
  allowExec?: boolean;
}

const MAX_BYTES = 1024 * 1024;

const Cluster = z.looseObject({ server: z.string().optional() });
const User = z.looseObject({});
const Context = z.looseObject({
  cluster: z.string().optional(),
  user: z.string().optional(),
  namespace: z.string().optional(),
});
const Kubeconfig = z.looseObject({
  clusters: z.array(z.looseObject({ name: z.string().min(1), cluster: Cluster })).optional(),
  users: z.array(z.looseObject({ name: z.string().min(1), user: User.nullable().optional() })).optional(),
  contexts: z.array(z.looseObject({ name: z.string().min(1), context: Context })).optional(),
  "current-context": z.string().optional(),
});

// Fields that make the server read files or run programs, with the inline alternative to suggest.
const CLUSTER_FILE_FIELDS: Record<string, string> = { "certificate-authority": "certificate-authority-data" };
const USER_FILE_FIELDS: Record<string, string> = {
  "client-certificate": "client-certificate-data",
  "client-key": "client-key-data",
  tokenFile: "token",
  "token-file": "token",
};

function parseYaml(text: string): unknown {
  try {
    // prettyErrors off: the default error text quotes the offending source line.
    return YAML.parse(text, { prettyErrors: false, maxAliasCount: 10 });
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new KubeconfigError(`The kubeconfig is not valid YAML${line ? ` (line ${line})` : ""}.`);
  }
}

function load(text: string): z.infer<typeof Kubeconfig> {
  if (Buffer.byteLength(text) > MAX_BYTES) throw new KubeconfigError("The kubeconfig is larger than 1 MiB.");
  const doc = parseYaml(text);
  const parsed = Kubeconfig.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KubeconfigError(
      `The kubeconfig is not a valid Config: ${issue.path.join(".") || "document"} is malformed.`,
    );
  }
  return parsed.data;
}

/** Context names a user can pick from (names only). */
export function listContexts(text: string): string[] {
  return (load(text).contexts ?? []).map((c) => c.name);
}

export function validateKubeconfig(text: string, opts: KubeconfigOptions = {}): ValidatedKubeconfig {
  const cfg = load(text);
  const contexts = cfg.contexts ?? [];
  if (contexts.length === 0) throw new KubeconfigError("The kubeconfig has no contexts.");
  const wanted = opts.context ?? cfg["current-context"] ?? (contexts.length === 1 ? contexts[0]!.name : undefined);
  if (!wanted) throw new KubeconfigError(`Choose a context: ${contexts.map((c) => `"${c.name}"`).join(", ")}.`);
  const ctx = contexts.find((c) => c.name === wanted);
  if (!ctx)
    throw new KubeconfigError(
      `Context "${wanted}" is not in the kubeconfig (available: ${contexts.map((c) => `"${c.name}"`).join(", ")}).`,
    );
  if (!ctx.context.cluster) throw new KubeconfigError(`Context "${ctx.name}" names no cluster.`);
  if (!ctx.context.user) throw new KubeconfigError(`Context "${ctx.name}" names no user.`);
  const cluster = (cfg.clusters ?? []).find((c) => c.name === ctx.context.cluster);
  if (!cluster)
    throw new KubeconfigError(
      `Context "${ctx.name}" refers to cluster "${ctx.context.cluster}", which is not in the kubeconfig.`,
    );
  const user = (cfg.users ?? []).find((u) => u.name === ctx.context.user);
  if (!user)
    throw new KubeconfigError(
      `Context "${ctx.name}" refers to user "${ctx.context.user}", which is not in the kubeconfig.`,
    );

  const c = cluster.cluster as Record<string, unknown>;
  for (const [field, inline] of Object.entries(CLUSTER_FILE_FIELDS)) {
    if (c[field] !== undefined)
      throw new KubeconfigError(
        `Cluster "${cluster.name}" uses ${field}, a file on the server; paste the certificate inline as ${inline} instead.`,
      );
  }
  if (typeof c.server !== "string" || !c.server)
    throw new KubeconfigError(`Cluster "${cluster.name}" has no server URL.`);
  let serverUrl: URL;
  try {
    serverUrl = new URL(c.server);
  } catch {
    throw new KubeconfigError(`Cluster "${cluster.name}" has a server that is not a URL.`);
  }
  if (serverUrl.protocol !== "https:")
    throw new KubeconfigError(
      `Cluster "${cluster.name}" server must be an https:// URL (credentials would otherwise travel in clear text).`,
    );

  const u = (user.user ?? {}) as Record<string, unknown>;
  if (u.exec !== undefined && !opts.allowExec)
    throw new KubeconfigError(
      `User "${user.name}" runs an exec credential plugin; exec plugins are disabled by the administrator. Use a token or client certificate (a service-account token works everywhere).`,
    );
  if (u["auth-provider"] !== undefined)
    throw new KubeconfigError(
      `User "${user.name}" uses an auth-provider, which is not supported; use a token or client certificate.`,
    );
  for (const [field, inline] of Object.entries(USER_FILE_FIELDS)) {
    if (u[field] !== undefined)
      throw new KubeconfigError(
        `User "${user.name}" uses ${field}, a file on the server; paste it inline as ${inline} instead.`,
      );
  }
  const hasCert = u["client-certificate-data"] !== undefined || u["client-key-data"] !== undefined;
  if (hasCert && (typeof u["client-certificate-data"] !== "string" || typeof u["client-key-data"] !== "string"))
    throw new KubeconfigError(`User "${user.name}" needs both client-certificate-data and client-key-data.`);
  const hasToken = typeof u.token === "string" && u.token !== "";
  const hasBasic = typeof u.username === "string" && typeof u.password === "string";
  if (!hasToken && !hasCert && !hasBasic && u.exec === undefined)
    throw new KubeconfigError(
      `User "${user.name}" has no credentials (token, client-certificate-data/client-key-data, or username/password).`,
    );

  const reduced = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: cluster.name, cluster: c }],
    users: [{ name: user.name, user: u }],
    contexts: [{ name: ctx.name, context: ctx.context }],
    "current-context": ctx.name,
  };
  return {
    yaml: YAML.stringify(reduced),
    summary: {
      server: serverUrl.origin + (serverUrl.pathname === "/" ? "" : serverUrl.pathname),
      contextName: ctx.name,
      clusterName: cluster.name,
      userName: user.name,
      ...(ctx.context.namespace ? { namespace: ctx.context.namespace } : {}),
      ...(c["insecure-skip-tls-verify"] === true ? { insecureSkipTlsVerify: true } : {}),
      ...(u.exec !== undefined ? { execPlugin: true } : {}),
    },
  };
}
