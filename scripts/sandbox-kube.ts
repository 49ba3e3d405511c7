// Start the Kubernetes API test server and write a kubeconfig for it:
//   npm run sandbox:kube -- --port 3200 --kubeconfig /tmp/kubeconfig [--user readonly]
//     [--readonly-kubeconfig PATH] [--latency-ms 5] [--ready-delay-ms 300]
// Runs until interrupted. Not a Kubernetes: see e2e/kube-api/README.md.
import { parseArgs } from "node:util";
import { startKubeApi, type SandboxUser } from "../e2e/kube-api/index";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    kubeconfig: { type: "string" },
    "readonly-kubeconfig": { type: "string" },
    user: { type: "string", default: "admin" },
    "latency-ms": { type: "string", default: "0" },
    "ready-delay-ms": { type: "string", default: "300" },
  },
});

const server = await startKubeApi({
  port: Number(values.port),
  latencyMs: Number(values["latency-ms"]),
  readyDelayMs: Number(values["ready-delay-ms"]),
});
if (values.kubeconfig) server.writeKubeconfig(values.kubeconfig, values.user as SandboxUser);
if (values["readonly-kubeconfig"]) server.writeKubeconfig(values["readonly-kubeconfig"], "readonly");
console.log(`kube-api sandbox listening on ${server.url}`);
if (values.kubeconfig) console.log(`kubeconfig (${values.user}) written to ${values.kubeconfig}`);
if (values["readonly-kubeconfig"]) console.log(`kubeconfig (readonly) written to ${values["readonly-kubeconfig"]}`);
const shutdown = () => void server.stop().then(() => process.exit(0));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
