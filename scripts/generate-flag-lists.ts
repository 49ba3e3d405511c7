/**
 * Writes lib/topology/releases/{thanos,prometheus,alertmanager}.json: the command-line flags each supported
 * release accepts, read from that release's own sources at its tag.
 *
 *   npx tsx scripts/generate-flag-lists.ts <thanos.git> <prometheus.git> <alertmanager.git>
 *
 * The arguments are bare git directories (clones of thanos-io/thanos, prometheus/prometheus,
 * prometheus/alertmanager). Every minor in the supported range is read at its latest patch tag.
 * - Thanos: the `--help` block of each command in docs/components/<command>.md (tools.md for `tools bucket web`).
 * - Prometheus: the flag table of docs/command-line/prometheus.md, plus the hidden TSDB block-duration flags;
 *   the `--enable-feature` names of docs/feature_flags.md.
 * - Alertmanager: the kingpin definitions in cmd/alertmanager/main.go, plus the flags its libraries register.
 * Boolean flags are listed as `x` and `no-x`: kingpin accepts `--no-x` for every boolean flag.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const OUT = path.join(import.meta.dirname, "..", "lib", "topology", "releases");

const THANOS_COMMANDS = {
  query: { file: "query.md", usage: "thanos query" },
  "query-frontend": { file: "query-frontend.md", usage: "thanos query-frontend" },
  store: { file: "store.md", usage: "thanos store" },
  compact: { file: "compact.md", usage: "thanos compact" },
  rule: { file: "rule.md", usage: "thanos rule" },
  receive: { file: "receive.md", usage: "thanos receive" },
  sidecar: { file: "sidecar.md", usage: "thanos sidecar" },
  "tools bucket web": { file: "tools.md", usage: "thanos tools bucket web" },
} as const;

/** kingpin's own flags: every command has them, no design sets them. */
const KINGPIN_BUILTINS = new Set([
  "help",
  "help-long",
  "help-man",
  "version",
  "completion-bash",
  "completion-script-bash",
  "completion-script-zsh",
]);

/**
 * Flags Prometheus registers with `.Hidden()`, so its docs never list them. The Thanos sidecar needs both
 * (Prometheus must cut 2h blocks and never compact them itself); both exist unchanged in every 2.x and 3.x release.
 */
const PROMETHEUS_HIDDEN = ["storage.tsdb.min-block-duration", "storage.tsdb.max-block-duration"];

/**
 * Flags Alertmanager's libraries add to its command line. exporter-toolkit's kingpinflag.AddFlags registers
 * the listen address, the web config file and (on Linux, where the image runs) the systemd socket switch;
 * prometheus/common's promlog/promslog flag package registers the two log flags.
 */
const ALERTMANAGER_LIBRARY_FLAGS: { marker: RegExp; flags: string[]; bools: string[] }[] = [
  {
    marker: /webflag\.AddFlags\(/,
    flags: ["web.listen-address", "web.config.file", "web.systemd-socket"],
    bools: ["web.systemd-socket"],
  },
  { marker: /(promlogflag|promslogflag)\.AddFlags\(/, flags: ["log.level", "log.format"], bools: [] },
];

type Range = { major: number; from: number; to: number };

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["--git-dir", dir, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
}

interface Minor {
  minor: string;
  /** The latest final patch tag: the one whose docs are read. */
  tag: string;
  /** Every final tag of the minor, ascending. */
  tags: string[];
}

/** Every minor in the range with its final `vX.Y.Z` tags (no pre-releases), ascending. */
function latestPatches(dir: string, ranges: Range[]): Minor[] {
  const best = new Map<string, { patch: number; tag: string; tags: [number, string][] }>();
  for (const tag of git(dir, "tag", "--list", "v*").split("\n")) {
    const m = /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag.trim());
    if (!m) continue;
    const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!ranges.some((r) => r.major === major && minor >= r.from && minor <= r.to)) continue;
    const key = `${major}.${minor}`;
    const entry = best.get(key) ?? { patch: -1, tag: "", tags: [] };
    entry.tags.push([patch, tag.trim()]);
    if (entry.patch < patch) Object.assign(entry, { patch, tag: tag.trim() });
    best.set(key, entry);
  }
  const out = [...best].map(([minor, { tag, tags }]) => ({
    minor,
    tag,
    tags: tags.sort((a, b) => a[0] - b[0]).map(([, t]) => t),
  }));
  out.sort((a, b) => compareMinor(a.minor, b.minor));
  for (const r of ranges)
    for (let m = r.from; m <= r.to; m++)
      if (!best.has(`${r.major}.${m}`)) throw new Error(`${dir}: no release tag for ${r.major}.${m}`);
  return out;
}

function compareMinor(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}

/** Adds `name` (and `no-name` for booleans) to the set. */
function addFlag(set: Set<string>, name: string, bool: boolean) {
  if (KINGPIN_BUILTINS.has(name)) return;
  set.add(name);
  if (bool) set.add(`no-${name}`);
}

/**
 * The flags of one `--help` block. Newer kingpin prints booleans as `--[no-]x`; older kingpin prints `--x`
 * with no `=VALUE`, and accepts `--no-x` all the same.
 */
export function parseKingpinHelp(markdown: string, usage: string): string[] {
  const start = markdown.search(new RegExp(`^usage: ${usage.replace(/ /g, " ")} \\[<flags>\\]`, "m"));
  if (start < 0) throw new Error(`no "usage: ${usage}" block`);
  const end = markdown.indexOf("```", start);
  const block = markdown.slice(start, end < 0 ? undefined : end);
  const flags = new Set<string>();
  for (const line of block.split("\n")) {
    // A flag starts its line at column 2 (`-h, --help`) or 6; deeper lines are wrapped descriptions.
    const m = /^(?: {2}-\w, | {6})--(\[no-\])?([A-Za-z0-9][\w.-]*)(=)?/.exec(line);
    if (!m) continue;
    addFlag(flags, m[2], !!m[1] || !m[3]);
  }
  if (flags.size === 0) throw new Error(`no flags in "usage: ${usage}"`);
  return [...flags].sort();
}

/** The flag table of docs/command-line/prometheus.md: `| <code>--x</code> | description | default |`. */
export function parsePrometheusTable(markdown: string): string[] {
  const flags = new Set<string>();
  for (const line of markdown.split("\n")) {
    const m = /^\| (?:<code class="text-nowrap">-\w<\/code>, )?<code class="text-nowrap">--([\w.-]+)<\/code>/.exec(
      line,
    );
    if (!m) continue;
    const cells = line.split(" | ");
    const def = cells[cells.length - 1]?.replace(/\|\s*$/, "").trim();
    addFlag(flags, m[1], def === "`true`" || def === "`false`");
  }
  if (flags.size === 0) throw new Error("no flag table in docs/command-line/prometheus.md");
  for (const f of PROMETHEUS_HIDDEN) flags.add(f);
  return [...flags].sort();
}

/** The `--enable-feature=` names docs/feature_flags.md documents (3.x dropped the ones it made default). */
export function parsePrometheusFeatures(markdown: string): string[] {
  const features = new Set<string>();
  for (const m of markdown.matchAll(/--enable-feature=([a-z0-9][a-z0-9_.-]*)/g))
    features.add(m[1].replace(/[.]+$/, ""));
  return [...features].sort();
}

/** `kingpin.Flag("name", …)…Bool()` definitions of cmd/alertmanager/main.go, plus its libraries' flags. */
export function parseAlertmanagerMain(source: string): string[] {
  const flags = new Set<string>();
  const starts = [...source.matchAll(/kingpin\.Flag\(\s*"([\w.-]+)"/g)];
  starts.forEach((m, i) => {
    // A definition spans lines; it ends where the next one starts (or at the end of its statement block).
    const next = starts[i + 1]?.index ?? source.indexOf("\n)", m.index);
    const body = source.slice(m.index, next < 0 ? undefined : next);
    addFlag(flags, m[1], /\.Bool(Var)?\(/.test(body));
  });
  for (const lib of ALERTMANAGER_LIBRARY_FLAGS)
    if (lib.marker.test(source)) for (const f of lib.flags) addFlag(flags, f, lib.bools.includes(f));
  if (flags.size === 0) throw new Error("no kingpin flags in cmd/alertmanager/main.go");
  return [...flags].sort();
}

function write(file: string, data: unknown) {
  const target = path.join(OUT, file);
  writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`);
  // Committed as the repository formats it, so `prettier --check` and a re-run agree.
  execFileSync("npx", ["prettier", "--write", target], { stdio: "ignore" });
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

function main(argv: string[]) {
  const [thanosGit, prometheusGit, alertmanagerGit] = argv;
  if (!thanosGit || !prometheusGit || !alertmanagerGit) {
    console.error("usage: tsx scripts/generate-flag-lists.ts <thanos.git> <prometheus.git> <alertmanager.git>");
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });

  const minors = {
    thanos: latestPatches(thanosGit, [{ major: 0, from: 24, to: 42 }]),
    prometheus: latestPatches(prometheusGit, [
      { major: 2, from: 53, to: 53 },
      { major: 3, from: 0, to: maxMinor(prometheusGit, 3) },
    ]),
    alertmanager: latestPatches(alertmanagerGit, [{ major: 0, from: 27, to: 34 }]),
  };
  // The browser needs only which releases exist (lint); the flag lists stay with render on the server.
  write("supported.json", minors);

  const thanos = minors.thanos.map(({ minor, tag }) => ({
    minor,
    tag,
    flags: Object.fromEntries(
      Object.entries(THANOS_COMMANDS).map(([cmd, { file, usage }]) => [
        cmd,
        parseKingpinHelp(git(thanosGit, "show", `${tag}:docs/components/${file}`), usage),
      ]),
    ),
  }));
  write("thanos.json", {
    source: "thanos-io/thanos docs/components/<command>.md `--help` blocks, latest patch of each minor",
    releases: thanos,
  });

  const prometheus = minors.prometheus.map(({ minor, tag }) => ({
    minor,
    tag,
    flags: parsePrometheusTable(git(prometheusGit, "show", `${tag}:docs/command-line/prometheus.md`)),
    features: parsePrometheusFeatures(git(prometheusGit, "show", `${tag}:docs/feature_flags.md`)),
  }));
  write("prometheus.json", {
    source: `prometheus/prometheus docs/command-line/prometheus.md, plus the hidden ${PROMETHEUS_HIDDEN.join(", ")}; features from docs/feature_flags.md`,
    releases: prometheus,
  });

  const alertmanager = minors.alertmanager.map(({ minor, tag }) => ({
    minor,
    tag,
    flags: parseAlertmanagerMain(git(alertmanagerGit, "show", `${tag}:cmd/alertmanager/main.go`)),
  }));
  write("alertmanager.json", {
    source: "prometheus/alertmanager cmd/alertmanager/main.go kingpin flags, plus exporter-toolkit and promslog flags",
    releases: alertmanager,
  });
}

/** The highest minor of `major` that has a final release tag. */
function maxMinor(dir: string, major: number): number {
  let max = -1;
  for (const tag of git(dir, "tag", "--list", `v${major}.*`).split("\n")) {
    const m = /^v\d+\.(\d+)\.\d+$/.exec(tag.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

// Run as a script; tests import the parsers.
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main(process.argv.slice(2));
