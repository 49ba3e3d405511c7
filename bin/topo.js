#!/usr/bin/env node
// Launcher for the `topo` CLI: runs cli/topo.ts through tsx's API, so it works from a checkout with no build
// step, no database and no network. Paths resolve against this file, so any working directory is fine.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

// `topo render x | head` closes the pipe early: that is not an error.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = await tsImport(path.join(root, "cli", "topo.ts"), {
  parentURL: import.meta.url,
  tsconfig: path.join(root, "tsconfig.json"),
});
process.exitCode = await cli.main(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  cwd: process.cwd(),
  stdin: process.stdin,
});
