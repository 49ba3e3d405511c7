import { securityHeaders } from "./server/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds (tests, benchmarks) coexist on one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ dev: process.env.NODE_ENV === "development" }) }];
  },
  // Type errors are caught by `tsc --noEmit` in `npm test`; skipping the duplicate check keeps `npm start`
  // builds fast on small machines and independent of test-only files.
  typescript: { ignoreBuildErrors: true },
  // Native and server-only packages must not be bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@node-rs/argon2",
    "@kubernetes/client-node",
    "pg",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
  ],
};
export default nextConfig;
