// Types for security-headers.mjs (plain JS so next.config.js can load it before TypeScript exists).
export function securityHeaders(options?: { dev?: boolean }): Array<{ key: string; value: string }>;
