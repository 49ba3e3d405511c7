/**
 * Manual runs: `npx tsx e2e/thanos-fixture/cli.ts [--port 3300] [--host 127.0.0.1]`
 * Starts Thanos Query on --port and, on the following ports, two sidecars, a ruler and a receiver,
 * registered in Query's store list. Steer it with the JSON control routes on the Query port, e.g.
 *   curl -XPOST localhost:3300/__fixture/stores/10.0.1.8:10901 -d '{"up":false}'
 *   curl -XPOST localhost:3300/__fixture/uploads/sidecar-1 -d '{"failures":5}'
 *   curl -XPOST localhost:3300/__fixture/ready/query -d '{"ready":false}'
 *   curl -XPOST localhost:3300/__fixture/latency/query -d '{"ms":3000}'
 *   curl localhost:3300/__fixture/state
 * (This is a stand-in: no Thanos binary can be installed on these machines.)
 */
import { parseArgs } from "node:util";
import { startThanosFixture } from "./index";

const { values } = parseArgs({
  options: { port: { type: "string", default: "3300" }, host: { type: "string", default: "127.0.0.1" } },
});
const base = Number(values.port);
const fixture = await startThanosFixture({ port: base, host: values.host });
const demo = [
  ["sidecar-0", "sidecar", { cluster: "eu1", prometheus_replica: "prometheus-k8s-0" }],
  ["sidecar-1", "sidecar", { cluster: "eu1", prometheus_replica: "prometheus-k8s-1" }],
  ["ruler", "rule", { cluster: "eu1", rule_replica: "thanos-ruler-0" }],
  ["receiver", "receive", { cluster: "eu1", receive_replica: "thanos-receive-0" }],
] as const;
let offset = 1;
for (const [name, kind, labels] of demo) {
  const endpoint = await fixture.addComponent(name, kind, { port: base === 0 ? 0 : base + offset++ });
  fixture.setStore(`10.0.1.${offset + 6}:10901`, { type: kind, labelSets: [labels] });
  fixture.setUploads(name, { uploads: 12, failures: 0, lastSuccess: new Date(Date.now() - 20 * 60_000) });
  console.log(`${kind.padEnd(8)} ${name.padEnd(10)} ${endpoint.url}`);
}
console.log(
  `query    query      ${fixture.query.url}  (GET /api/v1/stores, /-/ready, /-/healthy, /metrics, /__fixture/state)`,
);
const stop = () => void fixture.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
