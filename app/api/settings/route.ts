import { getSettings, SettingsPatchSchema, updateSettings } from "@/server/db/settings";
import { route } from "@/server/http/route";

export const GET = route({ role: "admin" }, async () => ({ settings: await getSettings() }));

export const PUT = route({ role: "admin", body: SettingsPatchSchema }, async ({ body }) => ({
  settings: await updateSettings(body),
}));
