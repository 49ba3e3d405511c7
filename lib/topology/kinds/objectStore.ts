import { z } from "zod";
import { objectStoreLoad } from "./load";
import { secretValue } from "../primitives";
import { defineKind } from "./define";

export const objectStoreSettings = z.object({
  provider: z.enum(["s3", "gcs", "azure", "cos", "oss", "filesystem"]).default("s3"),
  bucket: z.string().min(1, "bucket is required").max(255).default("thanos"),
  endpoint: z.string().max(253).optional(),
  region: z.string().max(64).optional(),
  /** cos only: the Tencent Cloud APPID (`app_id`), needed unless `endpoint` names the bucket host. */
  appId: z.string().max(64).regex(/^\d*$/, "APPID is numeric").optional(),
  insecure: z.boolean().default(false),
  /** filesystem provider only (testing): directory inside the pod. */
  directory: z.string().max(253).optional(),
  /** Write-only secrets: the API never returns them; shares and exports mask them. */
  accessKey: secretValue.optional(),
  secretKey: secretValue.optional(),
  /** gcs: service account JSON; azure: storage account key. */
  serviceAccount: secretValue.optional(),
  storageAccount: z.string().max(64).optional(),
  storageAccountKey: secretValue.optional(),
  load: objectStoreLoad,
});

export const objectStoreKind = defineKind({
  kind: "objectStore",
  label: "Object Store",
  description: "The bucket that holds TSDB blocks (S3, GCS, Azure, COS, OSS).",
  category: "Storage",
  icon: "cylinder",
  settings: objectStoreSettings,
  secretPaths: ["accessKey", "secretKey", "serviceAccount", "storageAccountKey"],
  haReplicas: false,
  needsCluster: false,
  defaultName: "bucket",
  // Not deployed: each cluster gets the objstore Secret its uploaders mount.
  ports: {},
  capabilities: { workloads: [], image: null },
  connections: { starts: [], accepts: ["uploadsTo"] },
});
