import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startThanosFixture, type ThanosFixture } from "./index";

let fixture: ThanosFixture;
beforeAll(async () => {
  fixture = await startThanosFixture();
});
afterAll(() => fixture.stop());

describe("thanos fixture", () => {
  it("writes /api/v1/stores bytes as Go does: sorted keys, exact int64 bounds, null lastError", async () => {
    fixture.setStore("b-sidecar:10901", { type: "sidecar", labelSets: [{ z: "1", a: "2" }] });
    fixture.setStore("a-query:10901", { type: "query" });
    const response = await fetch(`${fixture.query.url}/api/v1/stores`);
    expect(response.headers.get("content-type")).toBe("application/json");
    const text = await response.text();
    expect(text).toMatch(
      /^\{"status":"success","data":\{"query":\[\{"name":"a-query:10901","lastCheck":"[^"]+","lastError":null,"labelSets":\[\],"minTime":-9223372036854775808,"maxTime":9223372036854775807\}\],"sidecar":\[/,
    );
    expect(text).toContain(`"labelSets":[{"a":"2","z":"1"}]`);
    fixture.removeStore("a-query:10901");
    fixture.removeStore("b-sidecar:10901");
  });

  it("gives each component its own port with probes and metrics", async () => {
    const ruler = await fixture.addComponent("ruler", "rule");
    expect(ruler.port).not.toBe(fixture.query.port);
    fixture.setHealthy(false, "ruler");
    const healthy = await fetch(`${ruler.url}/-/healthy`);
    expect([healthy.status, await healthy.text()]).toEqual([503, "NOT OK\n"]);
    const metrics = await (await fetch(`${ruler.url}/metrics`)).text();
    expect(metrics).toContain("# TYPE thanos_shipper_uploads_total counter\nthanos_shipper_uploads_total 0\n");
    expect(metrics).toContain('thanos_objstore_bucket_last_successful_upload_time{bucket="thanos"} 0\n');
  });

  it("can be steered over HTTP from another process", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${fixture.query.url}/__fixture/${path}`, { method: "POST", body: JSON.stringify(body) });
    expect((await post("components", { name: "sidecar-x", kind: "sidecar" })).status).toBe(201);
    await post("uploads/sidecar-x", { uploads: 3, failures: 1, lastSuccess: 1763726400 });
    await post("stores/10.0.9.9:10901", { type: "sidecar", up: false, lastError: "context deadline exceeded" });
    const state = (await (await fetch(`${fixture.query.url}/__fixture/state`)).json()) as {
      components: Array<{ name: string; uploads: Record<string, { failures: number; lastSuccess: string }> }>;
      stores: Record<string, { up: boolean; lastError: string }>;
    };
    expect(state.components.find((c) => c.name === "sidecar-x")?.uploads["-"]).toMatchObject({
      failures: 1,
      lastSuccess: "2025-11-21T12:00:00.000Z",
    });
    expect(state.stores["10.0.9.9:10901"]).toMatchObject({ up: false, lastError: "context deadline exceeded" });
    const metrics = await (await fetch(`${fixture.endpoint("sidecar-x").url}/metrics`)).text();
    expect(metrics).toContain('thanos_objstore_bucket_last_successful_upload_time{bucket="thanos"} 1.7637264e+09');
  });
});
