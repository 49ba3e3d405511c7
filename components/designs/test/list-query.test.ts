import { describe, expect, it } from "vitest";
import { applyListQuery, listQueryString, readListQuery } from "../list-query";

const designs = [
  {
    name: "eu-west shards",
    description: "Hashmod shards for the EU clusters",
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-03-01T00:00:00Z",
  },
  {
    name: "Alpha receivers",
    description: "Multi-tenant remote write",
    createdAt: "2026-02-01T00:00:00Z",
    updatedAt: "2026-02-01T00:00:00Z",
  },
  { name: "design 10", description: "", createdAt: "2026-01-15T00:00:00Z", updatedAt: "2026-01-20T00:00:00Z" },
  { name: "design 9", description: "", createdAt: "2026-01-10T00:00:00Z", updatedAt: "2026-01-10T00:00:00Z" },
];
const names = (q: string, sort: "updated" | "created" | "name") =>
  applyListQuery(designs, { q, sort }).map((d) => d.name);

describe("designs list search and sort", () => {
  it("finds designs by any word of the name or description, case-insensitively", () => {
    expect(names("REMOTE", "updated")).toEqual(["Alpha receivers"]);
    expect(names("eu hashmod", "updated")).toEqual(["eu-west shards"]);
    expect(names("eu tenant", "updated")).toEqual([]);
    expect(names("  ", "updated")).toHaveLength(4);
  });

  it("sorts by last update, creation (newest first) or name in natural order", () => {
    expect(names("", "updated")).toEqual(["eu-west shards", "Alpha receivers", "design 10", "design 9"]);
    expect(names("", "created")).toEqual(["Alpha receivers", "design 10", "design 9", "eu-west shards"]);
    expect(names("", "name")).toEqual(["Alpha receivers", "design 9", "design 10", "eu-west shards"]);
  });

  it("round-trips through the URL and falls back to last updated for an unknown sort", () => {
    const query = { q: "eu shards", sort: "name" as const };
    expect(readListQuery(new URLSearchParams(listQueryString(query)))).toEqual(query);
    expect(listQueryString({ q: "", sort: "updated" })).toBe("");
    expect(readListQuery(new URLSearchParams("sort=bogus"))).toEqual({ q: "", sort: "updated" });
  });
});
