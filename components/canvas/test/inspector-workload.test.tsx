// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { parseDesign } from "@/lib/topology/design";
import { EditorStoreContext } from "../context";
import { Inspector } from "../Inspector";
import { createEditorStore } from "../store";

afterEach(cleanup);

/** The inspector of a new Query in a cluster: its hardening settings come from the kind's schema like any other. */
function queryInspector() {
  const store = createEditorStore(parseDesign({ name: "t", components: [], connections: [] }));
  const cluster = store.getState().addComponent("cluster", { x: 0, y: 0 });
  const id = store.getState().addComponent("query", { x: 20, y: 60 }, cluster);
  store.getState().select([id]);
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
  return () => store.getState().design.components.find((c) => c.id === id)!.settings as Record<string, any>;
}

describe("inspector: resources and workload hardening", () => {
  it("shows the kind's default requests and limits as quantities, and edits them", () => {
    const settings = queryInspector();
    const resources = screen.getByText("Resources", { selector: "summary" }).closest("details")!;
    const requests = within(resources).getByText("Requests", { selector: "summary" }).closest("details")!;
    const cpu = within(requests).getByLabelText("CPU") as HTMLInputElement;
    expect(cpu.value).toBe("250m");
    expect(cpu.closest(".tc-row")!.querySelector(".tc-unit")!.textContent).toBe("quantity");
    fireEvent.change(cpu, { target: { value: "500m" } });
    expect(settings().resources.requests.cpu).toBe("500m");
  });

  it("a memory limit below its request is flagged inline with the reason", () => {
    queryInspector();
    const resources = screen.getByText("Resources", { selector: "summary" }).closest("details")!;
    const limits = within(resources).getByText("Limits", { selector: "summary" }).closest("details")!;
    const memory = within(limits).getByLabelText("Memory") as HTMLInputElement;
    fireEvent.change(memory, { target: { value: "100Mi" } });
    expect(
      screen
        .getAllByRole("alert")
        .map((a) => a.textContent)
        .join(" "),
    ).toMatch(/memory limit 100Mi is below its request 512Mi/);
  });

  it("offers anti-affinity, zone spread and the grace period with the kind's defaults", () => {
    const settings = queryInspector();
    const workload = screen.getByText("Workload", { selector: "summary" }).closest("details")!;
    const anti = within(workload).getByLabelText("Anti affinity") as HTMLSelectElement;
    expect([...anti.options].map((o) => o.value)).toEqual(["required", "preferred", "none"]);
    expect(anti.value).toBe("preferred");
    expect((within(workload).getByLabelText("Termination grace period seconds") as HTMLInputElement).value).toBe("120");
    const token = within(workload).getByRole("switch", { name: "Automount service account token" }) as HTMLInputElement;
    expect(token.checked).toBe(false);
    fireEvent.change(within(workload).getByLabelText("Zone spread"), { target: { value: "required" } });
    expect(settings().workload.zoneSpread).toBe("required");
  });
});
