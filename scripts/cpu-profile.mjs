// Preloaded with NODE_OPTIONS="--import scripts/cpu-profile.mjs" (Node refuses --cpu-prof there): profiles
// the `next start` process from its first line and writes CPU_PROFILE_DIR/<pid>.cpuprofile when it is told
// to stop (SIGTERM/SIGINT), for chrome://inspect or speedscope. Other processes run unprofiled.
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.CPU_PROFILE_DIR;
if (
  dir &&
  process.argv.some((a) => a.endsWith(path.join("next", "dist", "bin", "next"))) &&
  process.argv.includes("start")
) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable", () => session.post("Profiler.start"));
  let written = false;
  const write = (signal) => {
    if (written) return;
    written = true;
    session.post("Profiler.stop", (err, result) => {
      if (!err) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      }
      process.kill(process.pid, signal);
    });
  };
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => write(signal));
}
