import { imageTag, parseArgs, type Container } from "./objects";
import type { ImageFamily } from "./draft";

/** What a workload's containers say it runs. */
export type Classification =
  | { kind: "prometheus"; prometheus: Container; sidecar?: { container: Container; argv: string[] } }
  | { kind: "thanos"; subcommand: string; container: Container; argv: string[] }
  | { kind: "alertmanager" | "memcached" | "grafana"; container: Container }
  | { kind: "unknown"; reason: string };

export const THANOS_SUBCOMMANDS = [
  "query",
  "query-frontend",
  "store",
  "compact",
  "rule",
  "receive",
  "tools bucket web",
  "sidecar",
] as const;

const repoEnds = (c: Container, ...names: string[]) => {
  const repo = imageTag(c.image).repository.toLowerCase();
  return names.some((n) => repo === n || repo.endsWith(`/${n}`));
};

/** The Thanos argv of a container (`thanos` dropped from the command), or null when it does not run Thanos. */
export function thanosArgv(c: Container): string[] | null {
  const argv = [...c.command, ...c.args];
  const at = argv.findIndex((a) => /(^|\/)thanos$/.test(a));
  if (at !== -1) return argv.slice(at + 1);
  if (repoEnds(c, "thanos") && !["sh", "/bin/sh", "bash", "/bin/bash"].includes(c.command[0] ?? "")) return argv;
  return null;
}

/** `tools bucket web`, `query`, …: the subcommand words before the first flag. */
export function subcommandOf(argv: string[]): string {
  return parseArgs(argv).words.join(" ");
}

export function classify(containers: Container[]): Classification {
  const prometheus = containers.find(
    (c) => repoEnds(c, "prometheus") || (c.name === "prometheus" && c.args.some((a) => a.startsWith("--config.file"))),
  );
  const thanos = containers
    .map((c) => ({ c, argv: thanosArgv(c) }))
    .filter((x): x is { c: Container; argv: string[] } => x.argv !== null);
  if (prometheus) {
    const sidecar = thanos.find((t) => subcommandOf(t.argv) === "sidecar");
    return {
      kind: "prometheus",
      prometheus,
      ...(sidecar ? { sidecar: { container: sidecar.c, argv: sidecar.argv } } : {}),
    };
  }
  for (const t of thanos) {
    const sub = subcommandOf(t.argv);
    if ((THANOS_SUBCOMMANDS as readonly string[]).includes(sub) && sub !== "sidecar")
      return { kind: "thanos", subcommand: sub, container: t.c, argv: t.argv };
  }
  if (thanos.length) {
    const sub = subcommandOf(thanos[0].argv);
    return {
      kind: "unknown",
      reason:
        sub === "sidecar"
          ? "a Thanos sidecar without a Prometheus container next to it"
          : `Thanos subcommand "${sub || "(none)"}" is not modelled`,
    };
  }
  for (const kind of ["alertmanager", "memcached", "grafana"] as const) {
    const c = containers.find((x) => repoEnds(x, kind));
    if (c) return { kind, container: c };
  }
  const images = containers.map((c) => c.image).join(", ");
  return {
    kind: "unknown",
    reason: `runs no Thanos, Prometheus, Alertmanager, memcached or Grafana image (${images || "no containers"})`,
  };
}

/** Images render uses by default; another repository is kept as the component's `image`. */
export const CANONICAL_IMAGES: Record<ImageFamily, string> = {
  thanos: "quay.io/thanos/thanos",
  prometheus: "quay.io/prometheus/prometheus",
  alertmanager: "quay.io/prometheus/alertmanager",
  memcached: "docker.io/library/memcached",
  grafana: "docker.io/grafana/grafana",
};
