import { z } from "zod";
import { image, replicas, secretValue } from "../primitives";
import { requirements, workload } from "./workload";
import { objectStoreLoad } from "./load";

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

export const alertmanagerSettings = z.object({
  image,
  /** Replicas form one gossip cluster (`--cluster.peer`). */
  replicas: replicas(3, 10),
  /** Where notifications go; empty = a `null` receiver (alerts visible in the UI only). */
  webhookUrl: z.string().url("must be a URL").optional(),
  groupBy: z.array(z.string()).default(["alertname", "cluster"]),
  resources: requirements({ requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "200m", memory: "256Mi" } }),
  workload: workload({ user: 65534, antiAffinity: "required", terminationGracePeriodSeconds: 120 }),
});

export const memcachedSettings = z.object({
  image,
  replicas: replicas(1, 20),
  memoryLimitMb: z.number().int().min(64).max(65_536).default(1024),
  resources: requirements({ requests: { cpu: "100m", memory: "1280Mi" }, limits: { cpu: "500m", memory: "1280Mi" } }),
  workload: workload({ user: 11211, antiAffinity: "preferred", terminationGracePeriodSeconds: 30 }),
});

export const grafanaSettings = z.object({
  image,
  replicas: replicas(1, 5),
  adminUser: z.string().min(1).max(64).default("admin"),
  adminPassword: secretValue.optional(),
  resources: requirements({ requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } }),
  workload: workload({ user: 472, antiAffinity: "preferred", terminationGracePeriodSeconds: 30 }),
});
