// Admin settings: a fixed set of known keys, each validated by zod and stored as JSON in Setting.
// To add a setting, add it to SettingsSchema with a default; the API and Settings page pick it up.
import { z } from "zod";
import { endpointEntryProblem } from "@/server/net/endpoint-allow-list";
import { settingsRepository } from "./settings-repository";

export const SettingsSchema = z.object({
  /** Deploys must use the revision marked approved (four-eyes review before production). */
  requireApprovedRevision: z.boolean().default(false),
  /** Kubeconfigs may use `exec` credential plugins (runs a program on the server; off by default). */
  allowExecPlugins: z.boolean().default(false),
  /** With requireApprovedRevision: the approver must not be the revision's author. */
  requireApprovalByOther: z.boolean().default(true),
  /** Object-store providers' public endpoints (AWS, GCS, Azure, COS, OSS) may be reached without listing them. */
  allowProviderEndpoints: z.boolean().default(true),
  /** Object-store endpoints the studio may connect to: host, host:port, *.domain, IP or CIDR (private ranges only this way). */
  objectStoreEndpoints: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(260)
        .superRefine((v, ctx) => {
          const problem = endpointEntryProblem(v);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
    )
    .max(200)
    .default([]),
  /** Hours a browser session lives at most from sign-in, however active (0 = no absolute limit). */
  sessionMaxAgeHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 366)
    .default(720),
  /** GET /metrics answers (with the metrics token) when on. */
  metricsEnabled: z.boolean().default(false),
  /** Git targets may use plain http:// (the token travels in clear): a lab server, never production. */
  allowInsecureGit: z.boolean().default(false),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const SETTING_DESCRIPTIONS: Record<keyof Settings, { label: string; help: string }> = {
  requireApprovedRevision: {
    label: "Require an approved revision to deploy",
    help: "Deployers can only deploy the revision a reviewer approved.",
  },
  allowExecPlugins: {
    label: "Allow exec credential plugins in kubeconfigs",
    help: "Lets a registered kubeconfig run a program on this server to get credentials.",
  },
  requireApprovalByOther: {
    label: "Approver must not be the revision's author",
    help: "With approved revisions required, a deployer cannot approve what they wrote themselves.",
  },
  allowProviderEndpoints: {
    label: "Allow object-store providers' public endpoints",
    help: "AWS S3, Google Cloud Storage, Azure Blob, Tencent COS and Alibaba OSS public endpoints need no entry below.",
  },
  objectStoreEndpoints: {
    label: "Object-store endpoints the studio may reach",
    help: "One per line: host, host:port, *.domain, an IP or a CIDR. Loopback and private addresses are reached only when an IP or CIDR entry covers them.",
  },
  sessionMaxAgeHours: {
    label: "Absolute session lifetime (hours)",
    help: "A browser session ends this long after sign-in, however active; 0 keeps sliding sessions only.",
  },
  metricsEnabled: {
    label: "Serve /metrics",
    help: "Prometheus metrics of the studio itself, for requests carrying the metrics token as a Bearer token.",
  },
  allowInsecureGit: {
    label: "Allow insecure Git remotes (plain http://)",
    help: "Git targets may use http:// URLs, which send the token unencrypted. For a lab Git server only; git:// and ssh are never supported.",
  },
};

/** Settings whose values are not shown back as they are (a hash, never the token). */
const METRICS_TOKEN_KEY = "metricsTokenHash";

export async function metricsTokenHash(): Promise<string | null> {
  const value = await settingsRepository().findValue(METRICS_TOKEN_KEY);
  return value !== null ? (JSON.parse(value) as string) : null;
}

export async function setMetricsTokenHash(hash: string): Promise<void> {
  await settingsRepository().put(METRICS_TOKEN_KEY, JSON.stringify(hash));
}

export async function getSettings(): Promise<Settings> {
  const rows = await settingsRepository().findAll();
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      raw[row.key] = JSON.parse(row.value);
    } catch {
      // A corrupt value falls back to its default rather than breaking every page.
    }
  }
  const known = Object.fromEntries(
    Object.keys(SettingsSchema.shape)
      .filter((k) => k in raw)
      .map((k) => [k, raw[k]]),
  );
  const parsed = SettingsSchema.safeParse(known);
  return parsed.success ? parsed.data : SettingsSchema.parse({});
}

export async function updateSettings(patch: SettingsPatch): Promise<Settings> {
  const valid = SettingsPatchSchema.parse(patch);
  await settingsRepository().putAll(
    Object.entries(valid)
      .filter(([, v]) => v !== undefined)
      .map(([key, value]) => [key, JSON.stringify(value)]),
  );
  return getSettings();
}
