// How a plan's answer becomes sync differences: field by field for updates, missing for creates, extra
// for prunes, and long values cut so every viewer is not sent a whole rules file.
import { describe, expect, it } from "vitest";
import { differencesOf, MAX_VALUE_CHARS } from "../compute";

const key = (kind: string, name: string, namespace?: string) => ({
  group: "",
  version: "v1",
  kind,
  name,
  ...(namespace ? { namespace } : {}),
});
const live = { resourceVersion: "1", fingerprint: "x" };
const desired = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } };

describe("differencesOf", () => {
  it("names objects Kind/namespace/name (Kind/name when cluster-scoped) and keeps live and desired per field", () => {
    const rules = "groups:\n" + "x".repeat(5000);
    const out = differencesOf({
      items: [
        {
          key: key("ConfigMap", "rules", "mon"),
          object: "v1/ConfigMap mon/rules",
          action: "update",
          desired,
          live,
          diff: [
            { path: "data.rules", op: "change", from: rules, to: "groups: []" },
            { path: "metadata.labels.team", op: "add", to: "obs" },
            { path: "metadata.annotations.note", op: "remove", from: "by hand" },
          ],
        },
        { key: key("Namespace", "mon"), object: "v1/Namespace mon", action: "create", desired, live: null, diff: [] },
        { key: key("Service", "q", "mon"), object: "v1/Service mon/q", action: "unchanged", desired, live, diff: [] },
      ],
      prune: [{ key: key("Secret", "old", "mon"), object: "v1/Secret mon/old", live }],
    });
    expect(out).toEqual([
      {
        object: "ConfigMap/mon/rules",
        change: "changed",
        field: "data.rules",
        live: `${rules.slice(0, MAX_VALUE_CHARS)}… (${rules.length} characters)`,
        desired: "groups: []",
      },
      { object: "ConfigMap/mon/rules", change: "changed", field: "metadata.labels.team", desired: "obs" },
      { object: "ConfigMap/mon/rules", change: "changed", field: "metadata.annotations.note", live: "by hand" },
      { object: "Namespace/mon", change: "missing" },
      { object: "Secret/mon/old", change: "extra" },
    ]);
  });
});
