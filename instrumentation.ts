// Runs once when a Next.js server process starts (`next start`, `next dev`, Playwright's webServer):
// makes sure the encryption key exists and creates the first admin account if there are no users, and
// puts the response cache (server/http/response-cache.ts) in front of the few public answers read most.
// Migrations are applied by `npm start` (scripts/start.mjs) before the server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressStamp } = await import("./server/http/peer-address");
  installPeerAddressStamp();
  // After the stamp, so requests the cache lets through are stamped; STUDIO_RESPONSE_CACHE=off disables it.
  if (process.env.STUDIO_RESPONSE_CACHE !== "off") {
    const { installCachedRoutes } = await import("./server/http/cached-routes");
    installCachedRoutes();
  }
  const { startupChecks } = await import("./server/startup");
  await startupChecks();
}
