/**
 * Command-line flags each supported release accepts. The lists are generated from the releases' own flag
 * reference at their tags (scripts/generate-flag-lists.ts → lib/topology/releases/*.json): Thanos
 * docs/components/<command>.md, Prometheus docs/command-line/prometheus.md plus its hidden
 * --storage.tsdb.{min,max}-block-duration, Alertmanager cmd/alertmanager/main.go plus the exporter-toolkit and
 * promslog flags. Boolean flags appear as both `x` and `no-x`.
 * Render picks version-dependent flag names here (`hasFlag`) and the version matrix test checks every flag it
 * emits against these lists, so a design never ships a flag its version rejects.
 */
import { SUPPORTED_RELEASES, minorOf as releaseMinor, type Product } from "@/lib/topology/releases";
import alertmanagerReleases from "@/lib/topology/releases/alertmanager.json" with { type: "json" };
import prometheusReleases from "@/lib/topology/releases/prometheus.json" with { type: "json" };
import thanosReleases from "@/lib/topology/releases/thanos.json" with { type: "json" };

export type ThanosCommand =
  "query" | "query-frontend" | "store" | "compact" | "rule" | "receive" | "sidecar" | "tools bucket web";

/** Keyed by "major.minor": flags do not change within a patch series. */
export const THANOS_FLAGS: Record<string, Record<ThanosCommand, readonly string[]>> = Object.fromEntries(
  thanosReleases.releases.map((r) => [r.minor, r.flags as Record<ThanosCommand, readonly string[]>]),
);
export const PROMETHEUS_FLAGS: Record<string, readonly string[]> = Object.fromEntries(
  prometheusReleases.releases.map((r) => [r.minor, r.flags]),
);
export const ALERTMANAGER_FLAGS: Record<string, readonly string[]> = Object.fromEntries(
  alertmanagerReleases.releases.map((r) => [r.minor, r.flags]),
);

/** "v0.42.4" → "0.42" (the input itself when it is not a version). */
export function minorOf(version: string): string {
  return releaseMinor(version) ?? version;
}

/** The flag name of one argument: `--query.replica-label=x` → `query.replica-label`; null for non-flags (subcommands). */
export function flagName(arg: string): string | null {
  if (!arg.startsWith("--")) return null;
  const eq = arg.indexOf("=");
  return eq === -1 ? arg.slice(2) : arg.slice(2, eq);
}

/** Flags among `args` that `known` does not list. */
export function unknownFlags(args: readonly string[], known: readonly string[]): string[] {
  const set = new Set(known);
  return args.map(flagName).filter((f): f is string => f !== null && !set.has(f));
}

/** The Thanos subcommand a container runs (`tools bucket web` spans three args). */
export function thanosCommand(args: readonly string[]): ThanosCommand {
  return (args[0] === "tools" ? `tools ${args[1]} ${args[2]}` : args[0]) as ThanosCommand;
}

/** The flag list of one release (and Thanos command); undefined when the release is unsupported. */
export function flagsOf(product: Product, version: string, command?: ThanosCommand): readonly string[] | undefined {
  const minor = minorOf(version);
  if (product === "thanos") return command ? THANOS_FLAGS[minor]?.[command] : undefined;
  return (product === "prometheus" ? PROMETHEUS_FLAGS : ALERTMANAGER_FLAGS)[minor];
}

/**
 * Whether the release accepts a flag. Render asks this where a flag was renamed between supported releases.
 * An unsupported release answers as the newest one: lint has already reported it as an error.
 */
export function hasFlag(product: Product, version: string, flag: string, command?: ThanosCommand): boolean {
  const newest = SUPPORTED_RELEASES[product][SUPPORTED_RELEASES[product].length - 1].tag;
  const list = flagsOf(product, version, command) ?? flagsOf(product, newest, command) ?? [];
  return list.includes(flag);
}

/** The `--enable-feature` names a Prometheus release documents; undefined when the release is unsupported. */
export function prometheusFeatures(version: string): readonly string[] | undefined {
  return prometheusReleases.releases.find((r) => r.minor === minorOf(version))?.features;
}

/**
 * What Prometheus needs to expand `${VAR}` in external labels: 2.x only with `expand-external-labels`
 * (without it both replicas send the literal `${POD_NAME}` and Query cannot deduplicate them); 3.x always does.
 */
export function externalLabelFeatures(version: string, labels: Record<string, string>): string[] {
  const expands = Object.values(labels).some((v) => v.includes("${"));
  return expands && prometheusFeatures(version)?.includes("expand-external-labels") ? ["expand-external-labels"] : [];
}

interface FlagCheckedContainer {
  name: string;
  image: string;
  args?: string[];
}

function productOf(image: string): Product | null {
  if (image.includes("/thanos:")) return "thanos";
  if (image.includes("/prometheus:")) return "prometheus";
  if (image.includes("/alertmanager:")) return "alertmanager";
  return null;
}

/**
 * Every flag in the rendered workloads that the named releases do not accept, plus releases we hold no list
 * for (those flags are unchecked, which is itself worth saying). Empty = every flag is known to be valid.
 */
export function flagProblems(
  objects: readonly { kind: string; metadata: { name: string }; spec?: unknown }[],
  versions: Record<Product, string>,
): string[] {
  const problems = new Set<string>();
  for (const o of objects) {
    const containers = ((o.spec as { template?: { spec?: { containers?: FlagCheckedContainer[] } } } | undefined)
      ?.template?.spec?.containers ?? []) as FlagCheckedContainer[];
    for (const c of containers) {
      const args = c.args ?? [];
      const product = productOf(c.image);
      if (!product) continue;
      const version = versions[product];
      if (!SUPPORTED_RELEASES[product].some((r) => r.minor === minorOf(version))) {
        const known = SUPPORTED_RELEASES[product].map((r) => r.minor).join(", ");
        problems.add(`no flag list for ${product} ${version}: flags unchecked (known: ${known})`);
        continue;
      }
      const known = flagsOf(product, version, product === "thanos" ? thanosCommand(args) : undefined);
      if (!known) {
        problems.add(`${o.kind}/${o.metadata.name} ${c.name}: unknown ${product} command "${args[0]}"`);
        continue;
      }
      for (const f of unknownFlags(args, known))
        problems.add(`${o.kind}/${o.metadata.name} ${c.name}: --${f} is not a flag of ${product} ${version}`);
      if (product === "prometheus")
        for (const a of args.filter((x) => x.startsWith("--enable-feature=")))
          for (const feature of a.slice("--enable-feature=".length).split(","))
            if (!prometheusFeatures(version)?.includes(feature))
              problems.add(
                `${o.kind}/${o.metadata.name} ${c.name}: feature ${feature} is not one of prometheus ${version}`,
              );
    }
  }
  return [...problems];
}
