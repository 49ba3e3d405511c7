// Runs once when a Next.js server process starts (`next start`, `next dev`, Playwright's webServer):
// makes sure the encryption key exists and creates the first admin account if there are no users.
// Migrations are applied by `npm start` (scripts/start.mjs) before the server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressStamp } = await import("./server/http/peer-address");
  installPeerAddressStamp();
  const { startupChecks } = await import("./server/startup");
  await startupChecks();
}
