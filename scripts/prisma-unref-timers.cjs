// Preloaded into `prisma migrate deploy` runs (node -r): Prisma 6.19's WASM schema engine arms a 10 s
// timer (its PostgreSQL advisory-lock timeout) and never clears it, so the CLI idles 10 s after it is done.
// Unref'ing long timers lets the process exit once its real work (sockets, files) is finished; a timer
// that matters still fires while the migration is running because the database socket keeps the process alive.
const original = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(fn, ms, ...rest) {
  const handle = original(fn, ms, ...rest);
  if (typeof ms === "number" && ms >= 5000 && handle && typeof handle.unref === "function") handle.unref();
  return handle;
};
