// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { edit, withReceiver } from "@/lib/topology/test/lint-fixtures";
import { EditorStoreContext } from "@/components/canvas/context";
import { createEditorStore } from "@/components/canvas/store";
import { SizingSection } from "../SizingSection";
import { SizingView } from "../SizingView";

afterEach(cleanup);

describe("Sizing UI", () => {
  it("the inspector section shows estimate, configured and why, and the receiver's hashring facts", () => {
    const d = withReceiver()
      .set("rcv", {
        replicationFactor: 3,
        load: { activeSeries: 600_000 },
        resources: { requests: { memory: "256Mi" }, limits: { memory: "512Mi" } },
      })
      .done();
    const store = createEditorStore(d);
    render(
      <EditorStoreContext.Provider value={store}>
        <SizingSection component={d.components.find((c) => c.id === "rcv")!} />
      </EditorStoreContext.Provider>,
    );
    // 600k × RF 3 ÷ 3 = 600k per ingester: 256 MiB + 600k × 3 KiB = 2,111,635,456 B ≈ 2.0 GiB.
    const memory = screen.getByTestId("sizing-memory");
    expect(memory.textContent).toContain("2.0 GiB");
    expect(memory.textContent).toContain("512 MiB");
    expect(within(memory).getByText("512 MiB").className).toBe("is-short");
    const ring = screen.getByTestId("hashring-facts").textContent!;
    expect(ring).toContain("hashmod, 3 endpoints, RF 3");
    expect(ring).toContain("write quorum 2, 1 endpoint may fail");
  });

  it("the view lists every component, plots the bucket, and Apply estimates is one undoable step", () => {
    const d = edit()
      .set("p", { load: { activeSeries: 1_000_000 } })
      .done();
    const store = createEditorStore(d);
    const { rerender } = render(
      <EditorStoreContext.Provider value={store}>
        <SizingView design={store.getState().design} />
      </EditorStoreContext.Provider>,
    );
    expect(screen.getByTestId("sizing-row-grafana").textContent).toContain("not sized");
    expect(screen.getByTestId("bucket-plot").querySelectorAll("path[data-resolution]")).toHaveLength(3);
    act(() => fireEvent.click(screen.getByRole("button", { name: /Apply estimates \(3\)/ })));
    expect(store.getState().past.at(-1)?.label).toBe("Apply estimates");
    rerender(
      <EditorStoreContext.Provider value={store}>
        <SizingView design={store.getState().design} readOnly />
      </EditorStoreContext.Provider>,
    );
    expect(screen.queryByRole("button", { name: /Apply estimates/ })).toBeNull();
    expect(screen.getByTestId("sizing-row-prometheus").textContent).toContain("set 3.9 GiB");
  });
});
