import { describe, expect, it } from "vitest";
import { parseDesign } from "@/lib/topology/design";
import type { ComponentKind } from "@/lib/topology/catalog";
import { searchComponents } from "../ComponentSearch";
import { createEditorStore } from "../store";

// Built through the editor's own actions, so the document is valid with every kind's defaults.
function build() {
  const s = createEditorStore(parseDesign({ name: "t", components: [], connections: [] }));
  const add = (kind: ComponentKind, name: string, cluster?: string) => {
    const id = s.getState().addComponent(kind, { x: 0, y: 0 }, cluster);
    s.getState().updateComponent(id, { name });
    return id;
  };
  const c = add("cluster", "eu-west");
  add("receiver", "thanos-receiver-a", c);
  add("query", "global-query", c);
  add("receiver", "ingest", c);
  return s.getState().design;
}
const design = build();

const names = (q: string) => searchComponents(design, q).map((h) => h.component.name);

describe("component search", () => {
  it("matches names, kinds and clusters, every word, names starting with the query first", () => {
    expect(names("")).toEqual(["eu-west", "thanos-receiver-a", "global-query", "ingest"]);
    expect(names("query")).toEqual(["global-query"]);
    expect(names("receiver")).toEqual(["thanos-receiver-a", "ingest"]);
    expect(names("ing")).toEqual(["ingest"]);
    expect(names("eu-west ingest")).toEqual(["ingest"]);
    expect(names("nothing-like-this")).toEqual([]);
    expect(searchComponents(design, "global")[0].cluster).toBe("eu-west");
  });
});
