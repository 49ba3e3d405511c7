// Admin settings in the database: one Setting row per key, its value as JSON text. Which keys exist
// and how values are validated is settings.ts's business.
import { db, type Db } from "./client";

export function settingsRepository(client: Db = db()) {
  return {
    /** A real query against a migrated table (the health check's probe). */
    async probe(): Promise<void> {
      await client.setting.findFirst({ select: { key: true } });
    },
    findAll() {
      return client.setting.findMany();
    },
    async findValue(key: string): Promise<string | null> {
      return (await client.setting.findUnique({ where: { key } }))?.value ?? null;
    },
    async put(key: string, value: string): Promise<void> {
      await client.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
    },
    /** Writes every (key, JSON value) pair in one transaction. */
    async putAll(entries: Array<[key: string, value: string]>): Promise<void> {
      await client.$transaction(
        entries.map(([key, value]) =>
          client.setting.upsert({ where: { key }, create: { key, value }, update: { value } }),
        ),
      );
    },
  };
}
