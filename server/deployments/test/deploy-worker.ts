// A stand-in app process for the interrupted-run test: starts a deploy (which runs in its background)
// and prints the deployment id, then keeps running until the test kills it with SIGKILL.
// usage: node --conditions=react-server --import tsx deploy-worker.ts <databaseUrl> <designId> <userId>
import { startDeployment } from "../service";

const [url, designId, userId] = process.argv.slice(2);
process.env.DATABASE_URL = url;
const { id } = await startDeployment(
  { user: { id: userId!, email: "w@t.test", name: "worker", role: "deployer" }, via: "session" },
  designId!,
  { cluster: "prod" },
);
process.stdout.write(`${JSON.stringify({ id })}\n`);
setInterval(() => {}, 60_000);
