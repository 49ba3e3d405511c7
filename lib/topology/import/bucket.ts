import { parse as parseYaml } from "yaml";
import { isMasked } from "./cluster-index";
import type { BucketRef } from "./build";
import { isObj, obj, str } from "./objects";

/** One bucket as the design models it: Object Store settings (secret values write-only) and its identity. */
export interface Bucket {
  key: string;
  name: string;
  settings: Record<string, unknown>;
}

const PROVIDERS: Record<string, string> = {
  S3: "s3",
  GCS: "gcs",
  AZURE: "azure",
  COS: "cos",
  ALIYUNOSS: "oss",
  OSS: "oss",
  FILESYSTEM: "filesystem",
};

/** `--objstore.config` document → Object Store settings; undefined (and a note) when it cannot be read. */
export function readBucket(ref: BucketRef, note: (m: string) => void): Bucket | undefined {
  if (ref.text === undefined) {
    note(`bucket config ${ref.source} is not in the input; imported without an Object Store`);
    return undefined;
  }
  let doc: unknown;
  try {
    doc = parseYaml(ref.text);
  } catch {
    doc = undefined;
  }
  const type = isObj(doc) ? str(doc.type)?.toUpperCase() : undefined;
  const provider = type ? PROVIDERS[type] : undefined;
  if (!isObj(doc) || !provider) {
    // Never echo the text: it may hold keys.
    note(
      `bucket config in ${ref.source} cannot be parsed${type ? ` (type ${type} is not modelled)` : ""}; imported without it`,
    );
    return undefined;
  }
  const c = obj(doc.config);
  const secret = (v: unknown) => (typeof v === "string" && !isMasked(v) ? v : undefined);
  const s: Record<string, unknown> = { provider };
  const set = (k: string, v: unknown) => {
    if (v !== undefined && v !== "") s[k] = v;
  };
  switch (provider) {
    case "s3":
      set("bucket", str(c.bucket));
      set("endpoint", str(c.endpoint));
      set("region", str(c.region));
      if (typeof c.insecure === "boolean") s.insecure = c.insecure;
      set("accessKey", secret(c.access_key));
      set("secretKey", secret(c.secret_key));
      break;
    case "gcs":
      set("bucket", str(c.bucket));
      set("serviceAccount", secret(c.service_account));
      break;
    case "azure":
      set("bucket", str(c.container));
      set("storageAccount", str(c.storage_account));
      set("storageAccountKey", secret(c.storage_account_key));
      set("endpoint", str(c.endpoint));
      break;
    case "cos":
      set("bucket", str(c.bucket));
      set("region", str(c.region));
      set("appId", typeof c.app_id === "number" ? String(c.app_id) : str(c.app_id));
      set("endpoint", str(c.endpoint));
      set("accessKey", secret(c.secret_id));
      set("secretKey", secret(c.secret_key));
      break;
    case "oss":
      set("bucket", str(c.bucket));
      set("endpoint", str(c.endpoint));
      set("accessKey", secret(c.access_key_id));
      set("secretKey", secret(c.access_key_secret));
      break;
    case "filesystem":
      set("directory", str(c.directory));
      set("bucket", str(c.directory)?.split("/").filter(Boolean).pop());
      break;
  }
  const bucket = (s.bucket as string | undefined) ?? "thanos";
  const secretName = ref.secret?.metadata.name;
  const name = secretName
    ? secretName.replace(/-(objstore|objectstorage|bucket)(-(config|secret))?$/, "") || bucket
    : bucket;
  return { key: `${provider}|${bucket}|${String(s.endpoint ?? "")}`, name, settings: s };
}
