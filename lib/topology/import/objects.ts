import type { KubeObject } from "./parse";

/** Loose readers over untyped Kubernetes JSON: the importer never trusts a field's shape. */
export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;
export const strings = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === "string");
export const stringMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(obj(v)).flatMap(([k, x]) =>
      typeof x === "string" ? [[k, x]] : typeof x === "number" || typeof x === "boolean" ? [[k, String(x)]] : [],
    ),
  );

export const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
export const labelsOf = (o: KubeObject) => stringMap(o.metadata.labels);

export interface Container {
  name: string;
  image: string;
  command: string[];
  args: string[];
  env: Obj[];
  volumeMounts: { name: string; mountPath: string }[];
  resources: Obj;
}

export function podSpec(o: KubeObject): Obj {
  return obj(obj(obj(o.spec).template).spec);
}
export function podLabels(o: KubeObject): Record<string, string> {
  return stringMap(obj(obj(obj(o.spec).template).metadata).labels);
}

export function containers(o: KubeObject, field: "containers" | "initContainers" = "containers"): Container[] {
  return arr(podSpec(o)[field]).filter(isObj).map(readContainer);
}

export function readContainer(c: Obj): Container {
  return {
    name: str(c.name) ?? "",
    image: str(c.image) ?? "",
    command: strings(c.command),
    args: strings(c.args),
    env: arr(c.env).filter(isObj),
    volumeMounts: arr(c.volumeMounts)
      .filter(isObj)
      .map((m) => ({ name: str(m.name) ?? "", mountPath: str(m.mountPath) ?? "" })),
    resources: obj(c.resources),
  };
}

/** Does a label selector (`matchLabels` or a plain map) select these labels? An empty selector selects nothing. */
export function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

export function matchLabels(sel: unknown): Record<string, string> {
  const s = obj(sel);
  return isObj(s.matchLabels) ? stringMap(s.matchLabels) : {};
}

/** Image reference → repository and tag (`quay.io/thanos/thanos:v0.42.4` → tag `v0.42.4`). */
export function imageTag(image: string): { repository: string; tag?: string } {
  const at = image.indexOf("@");
  const ref = at === -1 ? image : image.slice(0, at);
  const colon = ref.lastIndexOf(":");
  if (colon > ref.lastIndexOf("/")) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref };
}

/** One command-line flag as written: `--name=value`, `--name value` is joined by `parseArgs`. */
export interface Flag {
  name: string;
  value: string | undefined;
  raw: string;
}

/**
 * Thanos/Prometheus arguments → positional subcommand words and flags. kingpin accepts `--flag value` as well as
 * `--flag=value`; a following word that is not a flag is taken as the value only for flags known to take one.
 */
export function parseArgs(
  argv: string[],
  takesValue: (name: string) => boolean = () => true,
): { words: string[]; flags: Flag[] } {
  const words: string[] = [];
  const flags: Flag[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("-")) {
      if (flags.length === 0) words.push(a);
      else flags.push({ name: "", value: a, raw: a });
      continue;
    }
    const eq = a.indexOf("=");
    if (eq !== -1) {
      flags.push({ name: a.slice(0, eq).replace(/^-+/, ""), value: a.slice(eq + 1), raw: a });
      continue;
    }
    const name = a.replace(/^-+/, "");
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("-") && takesValue(name)) {
      flags.push({ name, value: next, raw: `${a}=${next}` });
      i++;
    } else flags.push({ name, value: undefined, raw: a });
  }
  return { words, flags };
}

/** Host and port of an address, URL or Thanos discovery string (`dnssrv+_grpc._tcp.x`, `dns+x:10901`). */
export function addressHost(address: string): { host: string; port?: number; srv: boolean } | null {
  let a = address.trim();
  let srv = false;
  const plus = /^(dns|dnssrv|dnssrvnoa)\+/.exec(a);
  if (plus) {
    srv = plus[1] !== "dns";
    a = a.slice(plus[0].length);
  }
  a = a.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  a = a.replace(/[/?#].*$/, "");
  a = a.replace(/^[^@]*@/, "");
  // SRV names: `_grpc._tcp.<host>`; the service part is not a host.
  const srvName = /^(_[\w-]+\.)+/.exec(a);
  if (srvName) {
    srv = true;
    a = a.slice(srvName[0].length);
  }
  const m = /^([^:]+)(?::(\d+))?$/.exec(a);
  if (!m || !m[1]) return null;
  // A trailing dot (`thanos-query.thanos.svc.cluster.local.`) is a fully qualified name, same host.
  return { host: m[1].toLowerCase().replace(/\.$/, ""), port: m[2] ? Number(m[2]) : undefined, srv };
}
