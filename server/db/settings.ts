// Admin settings: a fixed set of known keys, each validated by zod and stored as JSON in Setting.
// To add a setting, add it to SettingsSchema with a default; the API and Settings page pick it up.
import { z } from "zod";
import { db } from "./client";

export const SettingsSchema = z.object({
  /** Deploys must use the revision marked approved (four-eyes review before production). */
  requireApprovedRevision: z.boolean().default(false),
  /** Kubeconfigs may use `exec` credential plugins (runs a program on the server; off by default). */
  allowExecPlugins: z.boolean().default(false),
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
};

export async function getSettings(): Promise<Settings> {
  const rows = await db().setting.findMany();
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
  await db().$transaction(
    Object.entries(valid)
      .filter(([, v]) => v !== undefined)
      .map(([key, value]) =>
        db().setting.upsert({
          where: { key },
          create: { key, value: JSON.stringify(value) },
          update: { value: JSON.stringify(value) },
        }),
      ),
  );
  return getSettings();
}
