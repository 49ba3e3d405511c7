// The PostgreSQL driver adapter, with a workaround for prisma/orm#27403: @prisma/adapter-pg 6.19 cannot
// read columns of PostgreSQL's `name` type (system catalogs), which breaks `prisma migrate deploy`
// and raw catalog queries. Our pg client reports such columns as `text` (their values already arrive as
// strings), which is exactly how Prisma treats them without a driver adapter.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const AS_TEXT = new Set([18 /* "char" */, 19 /* name */]);
const TEXT_OID = 25;

type PgResult = { fields?: Array<{ dataTypeID: number }> } | undefined;

function textifyFields<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as PgResult[]) {
    for (const f of r?.fields ?? []) if (AS_TEXT.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
  }
  return result;
}

class CatalogFriendlyClient extends pg.Client {
  // pg's query() has many overloads (promise or callback); forward all of them and fix the result.
  query(...args: unknown[]): never {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      const cb = last as (err: unknown, res: unknown) => void;
      args[args.length - 1] = (err: unknown, res: unknown) => cb(err, err ? res : textifyFields(res));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return (
      out && typeof (out as Promise<unknown>).then === "function" ? (out as Promise<unknown>).then(textifyFields) : out
    ) as never;
  }
}

export function postgresAdapter(connectionString: string): PrismaPg {
  // allowExitOnIdle: CLI runs (`prisma migrate deploy`) exit as soon as they are done instead of
  // waiting ~10 s for idle pooled connections; a server process stays alive anyway.
  return new PrismaPg({ connectionString, Client: CatalogFriendlyClient, allowExitOnIdle: true } as pg.PoolConfig);
}
