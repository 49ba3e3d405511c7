// @vitest-environment jsdom
// What the Live tab's sync strip and the designs list badge say for each state a report can carry.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { overallSync, type ClusterSync } from "../api";
import { formatValue, SyncClusters, syncHeadline } from "../SyncPanel";

afterEach(cleanup);

const base = { latestRevision: 4, checkedAt: "2026-12-02T00:00:00.000Z" };
const outOfSync: ClusterSync = {
  ...base,
  cluster: "prod",
  status: "OutOfSync",
  cause: "live-differs",
  reason: "live differs from deployed revision 3: 1 object changed by someone else, 1 object missing",
  deployedRevision: 3,
  differences: [
    { object: "StatefulSet/mon/prometheus", change: "changed", field: "spec.replicas", live: 5, desired: 2 },
    { object: "Service/mon/thanos-query", change: "missing" },
    { object: "ConfigMap/mon/left-behind", change: "extra" },
  ],
};
const synced: ClusterSync = {
  ...base,
  cluster: "edge",
  status: "Synced",
  cause: "in-sync",
  reason: "live is revision 4",
  deployedRevision: 4,
  differences: [],
};

describe("sync strip", () => {
  it("says Synced to revision N, and OutOfSync with latest and live revisions", () => {
    expect(syncHeadline(synced)).toBe("Synced to revision 4");
    expect(syncHeadline(outOfSync)).toBe("OutOfSync: latest 4, live 3");
  });

  it("lists each difference as object, field, live → desired, and folds away on request", () => {
    render(<SyncClusters clusters={[outOfSync, synced]} />);
    const prod = screen.getByTestId("sync-cluster-prod");
    expect(within(prod).getByTestId("sync-headline").textContent).toBe("OutOfSync: latest 4, live 3");
    const rows = within(prod)
      .getAllByRole("row")
      .slice(1)
      .map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent));
    expect(rows).toEqual([
      ["StatefulSet/mon/prometheus", "spec.replicas", "5", "→ 2"],
      ["Service/mon/thanos-query", "—", "(missing)", "→ (in revision 3)"],
      ["ConfigMap/mon/left-behind", "—", "(exists)", "→ (not in revision 3: a deploy prunes it)"],
    ]);
    fireEvent.click(within(prod).getByTestId("sync-toggle"));
    expect(within(prod).queryByTestId("sync-differences")).toBeNull();
    // A cluster in sync at the latest revision shows no reason and no table.
    const edge = screen.getByTestId("sync-cluster-edge");
    expect(within(edge).getByTestId("sync-headline").textContent).toBe("Synced to revision 4");
    expect(edge.textContent).not.toContain("live is revision 4");
    expect(within(edge).queryByRole("table")).toBeNull();
  });

  it("a share guest's strip says what differs instead of showing empty value columns", () => {
    const guestView: ClusterSync = {
      ...outOfSync,
      differences: outOfSync.differences.map(({ object, change, field }) => ({
        object,
        change,
        ...(field ? { field } : {}),
      })),
    };
    render(<SyncClusters clusters={[guestView]} guest />);
    const table = within(screen.getByTestId("sync-differences"));
    expect(table.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Object", "Field", "Difference"]);
    expect(table.getAllByRole("row")[1]!.textContent).toBe(
      "StatefulSet/mon/prometheusspec.replicaschanged on the cluster",
    );
  });

  it("formats values briefly: absent fields, objects as JSON, long text cut", () => {
    expect(formatValue(undefined)).toBe("(absent)");
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue("x".repeat(500))).toHaveLength(120);
  });
});

describe("a design's one word", () => {
  it("OutOfSync wins over Unknown, Unknown over Synced; drafts are not deployed, no clusters no word", () => {
    const unknown = { status: "Unknown", cause: "unreachable" } as const;
    const draft = { status: "Unknown", cause: "never-deployed" } as const;
    expect(overallSync([synced, unknown, outOfSync])).toBe("OutOfSync");
    expect(overallSync([synced, unknown])).toBe("Unknown");
    expect(overallSync([synced])).toBe("Synced");
    expect(overallSync([draft, { status: "Unknown", cause: "unbound" }])).toBe("not-deployed");
    expect(overallSync([])).toBeNull();
  });
});
