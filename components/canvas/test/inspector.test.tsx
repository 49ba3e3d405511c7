// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { SECRET_MASK } from "@/lib/topology/primitives";
import { parseDesign } from "@/lib/topology/design";
import { EditorStoreContext } from "../context";
import { Inspector } from "../Inspector";
import { createEditorStore, type EditorStore } from "../store";
import { componentSummary } from "../kind-style";
import { nodeAriaLabel } from "../nodes";

afterEach(cleanup);

function setup(extra: (s: EditorStore) => string) {
  const store = createEditorStore(parseDesign({ name: "t", components: [], connections: [] }));
  const id = extra(store);
  store.getState().select([id]);
  // The cluster inspector also hosts the deploy binding control, which reads through React Query.
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, enabled: false } } });
  render(
    <QueryClientProvider client={qc}>
      <EditorStoreContext.Provider value={store}>
        <Inspector
          source={{ kind: "design", designId: "d1", revision: 1, document: store.getState().design, readOnly: false }}
        />
      </EditorStoreContext.Provider>
    </QueryClientProvider>,
  );
  const get = () => store.getState().design.components.find((c) => c.id === id)!;
  return { store, id, get };
}

function withCluster(s: EditorStore) {
  return s.getState().addComponent("cluster", { x: 0, y: 0 });
}

describe("inspector forms derived from the schema", () => {
  it("shows a Prometheus shard group's numbers with their defaults and updates the node summary", () => {
    const { get } = setup((s) => s.getState().addComponent("prometheus", { x: 20, y: 60 }, withCluster(s)));
    const replicas = screen.getByLabelText("Replicas") as HTMLInputElement;
    expect(replicas.type).toBe("number");
    expect(replicas.value).toBe("2");
    expect(replicas.closest(".tc-row")!.querySelector(".tc-default-tag")!.textContent).toBe("default");
    fireEvent.change(screen.getByLabelText("Shards"), { target: { value: "3" } });
    fireEvent.change(replicas, { target: { value: "4" } });
    // A changed value offers a way back to the default.
    fireEvent.click(screen.getByRole("button", { name: "reset to 2" }));
    expect(componentSummary(get())).toBe("3 shards × 2");
    expect(nodeAriaLabel(get())).toBe("Prometheus prometheus, 3 shards × 2");
  });

  it("shows validation messages inline and marks the field invalid", () => {
    setup((s) => s.getState().addComponent("prometheus", { x: 20, y: 60 }, withCluster(s)));
    // Scrape jobs have their own "Scrape interval"; the top-level one comes first.
    const interval = screen.getAllByLabelText("Scrape interval")[0] as HTMLInputElement;
    expect(interval.closest(".tc-row")!.querySelector(".tc-unit")!.textContent).toBe("duration");
    fireEvent.change(interval, { target: { value: "30 seconds" } });
    expect(interval.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toMatch(/Prometheus duration such as 30s/);
    fireEvent.change(interval, { target: { value: "45s" } });
    expect(interval.getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("renders enums as selects and booleans as switches", () => {
    const { get } = setup((s) => s.getState().addComponent("prometheus", { x: 20, y: 60 }, withCluster(s)));
    const sharding = screen.getByLabelText("Sharding") as HTMLSelectElement;
    expect([...sharding.options].map((o) => o.value)).toEqual(["hashmod", "functional"]);
    fireEvent.change(sharding, { target: { value: "functional" } });
    expect((get().settings as { sharding: string }).sharding).toBe("functional");
    const drop = screen.getByRole("switch", { name: "Alert label drop" }) as HTMLInputElement;
    expect(drop.checked).toBe(true);
    fireEvent.click(drop);
    expect((get().settings as { alertLabelDrop: boolean }).alertLabelDrop).toBe(false);
  });

  it("nested objects are groups; an error inside opens the group", () => {
    setup((s) => s.getState().addComponent("prometheus", { x: 20, y: 60 }, withCluster(s)));
    const thanos = screen.getByText("Thanos", { selector: "summary" }).closest("details")!;
    expect(thanos.open).toBe(false);
    fireEvent.change(within(thanos).getByLabelText("Min block duration"), { target: { value: "two hours" } });
    expect(screen.getByText("Thanos", { selector: "summary" }).closest("details")!.open).toBe(true);
  });

  it("edits lists of values: add and remove", () => {
    const { get } = setup((s) => s.getState().addComponent("query", { x: 20, y: 60 }, withCluster(s)));
    expect(screen.getByText("Replica labels (3)")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add replica label" }));
    fireEvent.change(screen.getByLabelText("Replica labels 4"), { target: { value: "tenant_replica" } });
    expect((get().settings as { replicaLabels: string[] }).replicaLabels).toEqual([
      "prometheus_replica",
      "rule_replica",
      "receive_replica",
      "tenant_replica",
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Remove replica label 1" }));
    expect((get().settings as { replicaLabels: string[] }).replicaLabels[0]).toBe("rule_replica");
  });

  it("edits records as key/value rows and flags invalid keys", () => {
    const { get } = setup((s) => withCluster(s));
    fireEvent.click(screen.getByRole("button", { name: "Add entry" }));
    fireEvent.change(screen.getByLabelText("External labels key 1"), { target: { value: "9region" } });
    fireEvent.change(screen.getByLabelText("External labels value 1"), { target: { value: "eu-1" } });
    expect((get().settings as { externalLabels: Record<string, string> }).externalLabels).toEqual({
      "9region": "eu-1",
    });
    expect(screen.getByRole("alert").textContent).toMatch(/9region: not a valid label name/);
    fireEvent.change(screen.getByLabelText("External labels key 1"), { target: { value: "region" } });
    expect(screen.queryByRole("alert")).toBeNull();
    // Size is driven by resizing the node, not the form.
    expect(screen.queryByLabelText("Width")).toBeNull();
  });

  it("secrets are write-only: shows set / not set, never the stored value", () => {
    const { get, store, id } = setup((s) => s.getState().addComponent("objectStore", { x: 0, y: 0 }));
    const key = screen.getByLabelText("Secret key") as HTMLInputElement;
    expect(key.type).toBe("password");
    expect(key.closest(".tc-row")!.textContent).toContain("not set");
    fireEvent.change(key, { target: { value: "hunter2-secret" } });
    expect((get().settings as { secretKey?: string }).secretKey).toBe("hunter2-secret");
    expect(key.closest(".tc-row")!.querySelector(".tc-secret-state")!.textContent).toBe("set");
    // Re-open the inspector (as after a reload, where the API sends the mask): the value is never shown.
    act(() => {
      store.getState().updateComponent(id, { settings: { ...get().settings, secretKey: SECRET_MASK } });
      store.getState().select([]);
    });
    act(() => store.getState().select([id]));
    const again = screen.getByLabelText("Secret key") as HTMLInputElement;
    expect(again.value).toBe("");
    expect(document.body.innerHTML).not.toContain("hunter2-secret");
    expect(document.body.innerHTML).not.toContain(SECRET_MASK);
    expect(again.closest(".tc-row")!.querySelector(".tc-secret-state")!.textContent).toBe("set");
    fireEvent.click(within(again.closest(".tc-row") as HTMLElement).getByRole("button", { name: "Clear" }));
    expect((get().settings as { secretKey?: string }).secretKey).toBeUndefined();
  });

  it("flags an invalid or duplicate component name inline", () => {
    const { store } = setup((s) => {
      const c = withCluster(s);
      s.getState().addComponent("query", { x: 20, y: 60 }, c);
      return s.getState().addComponent("query", { x: 300, y: 60 }, c);
    });
    const name = screen.getByLabelText("Name") as HTMLInputElement;
    expect(name.value).toBe("thanos-query-2");
    fireEvent.change(name, { target: { value: "thanos-query" } });
    expect(screen.getByRole("alert").textContent).toMatch(/already named "thanos-query"/);
    fireEvent.change(name, { target: { value: "Bad_Name" } });
    expect(screen.getByRole("alert").textContent).toMatch(/DNS-1123/);
    expect(store.getState().past.at(-1)!.label).toBe("Edit settings");
  });
});
