import { stringify } from "./yaml";
import { SECRET_MASK, type Component, type ComponentOf } from "@/lib/topology";
import { COMPONENT_ANNOTATION, MANAGED_BY, OWNER_LABEL } from "./labels";
import type { Obj } from "./common";
import type { KubeObject, RenderContext } from "./types";

/** Where every Thanos container finds its bucket configuration (Thanos's objstore.yml format). */
export const defaults = {
  key: "objstore.yml",
  mountPath: "/etc/thanos/objstore",
} as const;

export const objstoreConfigFile = `${defaults.mountPath}/${defaults.key}`;

export function objstoreSecretName(store: ComponentOf<"objectStore">): string {
  return `${store.name}-objstore`;
}

/** Thanos's `--objstore.config-file` document for one bucket; secret values masked unless `clear`. */
export function objstoreConfig(store: ComponentOf<"objectStore">, secrets: "clear" | "masked"): Obj {
  const s = store.settings;
  const secret = (v: string | undefined) =>
    v === undefined || v === "" ? undefined : secrets === "clear" ? v : SECRET_MASK;
  const clean = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  switch (s.provider) {
    case "s3":
      return {
        type: "S3",
        config: clean({
          bucket: s.bucket,
          endpoint: s.endpoint ?? (s.region ? `s3.${s.region}.amazonaws.com` : "s3.amazonaws.com"),
          region: s.region,
          access_key: secret(s.accessKey),
          secret_key: secret(s.secretKey),
          insecure: s.insecure,
        }),
      };
    case "gcs":
      return { type: "GCS", config: clean({ bucket: s.bucket, service_account: secret(s.serviceAccount) }) };
    case "azure":
      return {
        type: "AZURE",
        config: clean({
          storage_account: s.storageAccount,
          storage_account_key: secret(s.storageAccountKey),
          container: s.bucket,
          endpoint: s.endpoint,
        }),
      };
    case "cos":
      // COS takes either bucket+region+app_id or a full endpoint URL (Thanos docs/storage.md).
      return {
        type: "COS",
        config: clean({
          bucket: s.bucket,
          region: s.region,
          app_id: s.appId,
          endpoint: s.endpoint,
          secret_id: secret(s.accessKey),
          secret_key: secret(s.secretKey),
        }),
      };
    case "oss":
      return {
        type: "ALIYUNOSS",
        config: clean({
          endpoint: s.endpoint,
          bucket: s.bucket,
          access_key_id: secret(s.accessKey),
          access_key_secret: secret(s.secretKey),
        }),
      };
    case "filesystem":
      return { type: "FILESYSTEM", config: { directory: s.directory ?? `/var/thanos/bucket/${s.bucket}` } };
  }
}

/** The object store a component uploads to / reads from (its first uploadsTo connection), if any. */
export function objectStoreOf(ctx: RenderContext, c: Component): ComponentOf<"objectStore"> | undefined {
  const t = ctx.graph.targets(c, "uploadsTo")[0];
  return t?.kind === "objectStore" ? t : undefined;
}

/** Volume, mount and flag a Thanos container needs to reach its bucket; null without an uploadsTo connection. */
export function objstoreWiring(ctx: RenderContext, c: Component): { volume: Obj; mount: Obj; flag: string } | null {
  const store = objectStoreOf(ctx, c);
  if (!store) return null;
  return {
    volume: { name: "objstore", secret: { secretName: objstoreSecretName(store) } },
    mount: { name: "objstore", mountPath: defaults.mountPath, readOnly: true },
    flag: `--objstore.config-file=${objstoreConfigFile}`,
  };
}

/** One Secret per bucket used by any component of this cluster (the bucket itself may sit outside every cluster). */
export function renderObjectStoreSecrets(ctx: RenderContext, inCluster: Component[]): KubeObject[] {
  const seen = new Map<string, ComponentOf<"objectStore">>();
  for (const c of inCluster) {
    const store = objectStoreOf(ctx, c);
    if (store && !seen.has(store.id)) seen.set(store.id, store);
  }
  return [...seen.values()].map((store) => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: objstoreSecretName(store),
      namespace: ctx.namespace,
      labels: {
        "app.kubernetes.io/name": "thanos-objstore",
        "app.kubernetes.io/instance": store.name,
        "app.kubernetes.io/component": "object-store",
        "app.kubernetes.io/part-of": ctx.designId,
        "app.kubernetes.io/managed-by": MANAGED_BY,
        [OWNER_LABEL]: ctx.designId,
      },
      annotations: { [COMPONENT_ANNOTATION]: store.id },
    },
    type: "Opaque",
    stringData: { [defaults.key]: stringify(objstoreConfig(store, ctx.secrets)) },
  }));
}
