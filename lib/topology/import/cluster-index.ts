import { SECRET_MASK } from "../primitives";
import { arr, isObj, obj, str, stringMap, type Container, type Obj } from "./objects";
import type { KubeObject } from "./parse";

function decodeBase64(v: string): string | undefined {
  try {
    const bin = atob(v.replace(/\s+/g, ""));
    return new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** The objects of one cluster, indexed the way workloads refer to them (ConfigMaps, Secrets, Services by name). */
export class ClusterIndex {
  readonly configMaps = new Map<string, KubeObject>();
  readonly secrets = new Map<string, KubeObject>();
  readonly services = new Map<string, KubeObject>();
  /** The namespace most of its objects live in; the design's cluster namespace. */
  readonly namespace: string;

  constructor(
    readonly name: string,
    readonly objects: KubeObject[],
  ) {
    const counts = new Map<string, number>();
    for (const o of objects) {
      const ns = o.metadata.namespace;
      if (ns) counts.set(ns, (counts.get(ns) ?? 0) + 1);
      if (o.kind === "ConfigMap") this.configMaps.set(o.metadata.name, o);
      else if (o.kind === "Secret") this.secrets.set(o.metadata.name, o);
      else if (o.kind === "Service") this.services.set(o.metadata.name, o);
    }
    const ns = objects.find((o) => o.kind === "Namespace")?.metadata.name;
    this.namespace = ns ?? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "monitoring";
  }

  /** String data of a ConfigMap or Secret (Secret `data` is base64); a masked secret value reads as absent. */
  data(kind: "ConfigMap" | "Secret", name: string): Record<string, string> | undefined {
    const o = (kind === "ConfigMap" ? this.configMaps : this.secrets).get(name);
    if (!o) return undefined;
    const out: Record<string, string> = {};
    if (kind === "Secret")
      for (const [k, v] of Object.entries(obj(o.data))) {
        const d = typeof v === "string" ? decodeBase64(v) : undefined;
        if (d !== undefined) out[k] = d;
      }
    else Object.assign(out, stringMap(o.data));
    Object.assign(out, stringMap(o.stringData));
    return out;
  }

  /**
   * The ConfigMap or Secret key behind a file path inside a container: the mount whose path is a prefix,
   * its volume, and the key (or `items` path) the rest of the path names.
   */
  mountedFile(
    pod: Obj,
    c: Container,
    path: string,
  ): { kind: "ConfigMap" | "Secret"; name: string; key: string } | undefined {
    for (const m of c.volumeMounts) {
      const dir = m.mountPath.replace(/\/+$/, "");
      if (!path.startsWith(dir + "/")) continue;
      const rest = path.slice(dir.length + 1);
      const vol = arr(pod.volumes)
        .filter(isObj)
        .find((v) => v.name === m.name);
      if (!vol) continue;
      const src = isObj(vol.configMap)
        ? { kind: "ConfigMap" as const, v: vol.configMap, name: str(vol.configMap.name) }
        : isObj(vol.secret)
          ? { kind: "Secret" as const, v: vol.secret, name: str(vol.secret.secretName) }
          : undefined;
      if (!src?.name) continue;
      const item = arr(src.v.items)
        .filter(isObj)
        .find((i) => i.path === rest);
      return { kind: src.kind, name: src.name, key: str(item?.key) ?? rest };
    }
    return undefined;
  }

  /** Text of a mounted file, when its ConfigMap or Secret is in the bundle. */
  fileText(
    pod: Obj,
    c: Container,
    path: string,
  ): { text?: string; ref?: { kind: "ConfigMap" | "Secret"; name: string; key: string } } {
    const ref = this.mountedFile(pod, c, path);
    if (!ref) return {};
    return { ref, text: this.data(ref.kind, ref.name)?.[ref.key] };
  }

  /** Every ConfigMap and Secret volume of a pod, with its data (globs such as `--rule-file=/dir/*.yaml` read them all). */
  volumesUnder(
    pod: Obj,
    c: Container,
    dir: string,
  ): { kind: "ConfigMap" | "Secret"; name: string; data: Record<string, string> }[] {
    const out: { kind: "ConfigMap" | "Secret"; name: string; data: Record<string, string> }[] = [];
    for (const m of c.volumeMounts) {
      if (m.mountPath.replace(/\/+$/, "") !== dir.replace(/\/+$/, "")) continue;
      const vol = arr(pod.volumes)
        .filter(isObj)
        .find((v) => v.name === m.name);
      if (!vol) continue;
      const kind = isObj(vol.configMap) ? "ConfigMap" : isObj(vol.secret) ? "Secret" : undefined;
      const name = kind === "ConfigMap" ? str(obj(vol.configMap).name) : str(obj(vol.secret).secretName);
      if (!kind || !name) continue;
      out.push({ kind, name, data: this.data(kind, name) ?? {} });
    }
    return out;
  }
}

export const isMasked = (v: string | undefined) => v === undefined || v === "" || v === SECRET_MASK;
