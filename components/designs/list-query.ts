// The designs list's search and sort, kept in the URL (?q=…&sort=…) so a filtered list can be shared and
// survives a reload. Pure, so the page and its tests share it.
export const DESIGN_SORTS = ["updated", "created", "name"] as const;
export type DesignSort = (typeof DESIGN_SORTS)[number];
export const SORT_LABEL: Record<DesignSort, string> = {
  updated: "Last updated",
  created: "Newest first",
  name: "Name (A–Z)",
};

export interface ListQuery {
  q: string;
  sort: DesignSort;
}

interface Listed {
  name: string;
  description: string;
  updatedAt: string;
  createdAt: string;
}

export function readListQuery(params: Pick<URLSearchParams, "get">): ListQuery {
  const sort = params.get("sort");
  return {
    q: params.get("q") ?? "",
    sort: (DESIGN_SORTS as readonly string[]).includes(sort ?? "") ? (sort as DesignSort) : "updated",
  };
}

/** The query string for a list query; defaults are left out so the plain list keeps a plain URL. */
export function listQueryString({ q, sort }: ListQuery): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set("q", q);
  if (sort !== "updated") params.set("sort", sort);
  const s = params.toString();
  return s ? `?${s}` : "";
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Designs whose name or description holds every word of the search, in the chosen order. */
export function applyListQuery<T extends Listed>(designs: readonly T[], { q, sort }: ListQuery): T[] {
  const words = q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matches = designs.filter((d) => {
    const text = `${d.name}\n${d.description}`.toLocaleLowerCase();
    return words.every((w) => text.includes(w));
  });
  const newest = (a: string, b: string) => b.localeCompare(a);
  return matches.sort((a, b) =>
    sort === "name"
      ? collator.compare(a.name, b.name)
      : sort === "created"
        ? newest(a.createdAt, b.createdAt)
        : newest(a.updatedAt, b.updatedAt),
  );
}
