// Response headers for every page and API answer (next.config.js `headers()`). Plain JS: next.config.js
// loads it before any TypeScript is compiled.
//
// Next.js streams its React Server Component payload in inline <script> tags, so scripts need
// 'unsafe-inline' (nonces would force every page, the static 404 included, to render per request);
// everything else is same-origin only, and nothing may frame the studio.
export function securityHeaders({ dev = false } = {}) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    // Share links carry their token in the path: never send it to another site.
    { key: "Referrer-Policy", value: "same-origin" },
  ];
}
