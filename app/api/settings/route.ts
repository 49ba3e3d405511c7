import { getSettings, SettingsPatchSchema, updateSettings } from "@/server/db/settings";
import { audit } from "@/server/audit/log";
import { forgetSessionMaxAge } from "@/server/auth/session-lifetime";
import { clientAddress, route } from "@/server/http/route";

export const GET = route({ role: "admin" }, async () => ({ settings: await getSettings() }));

export const PUT = route({ role: "admin", body: SettingsPatchSchema }, async ({ req, actor, body }) => {
  const settings = await updateSettings(body);
  forgetSessionMaxAge();
  await audit({ action: "settings.changed", actor: actor!.user, address: clientAddress(req), details: { ...body } });
  return { settings };
});
