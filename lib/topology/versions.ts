import { z } from "zod";

/**
 * Releases a new design runs unless it names others. Render emits flags valid for the version a design names.
 * Prometheus, Alertmanager and prometheus-operator are the newest release tags of their repositories (2026-11);
 * lib/topology/releases lists the releases render supports, with their flags.
 */
export const DEFAULT_VERSIONS = {
  thanos: "v0.42.4",
  prometheus: "v3.14.0",
  alertmanager: "v0.34.0",
  prometheusOperator: "v0.93.0",
  memcached: "1.6.39-alpine",
  grafana: "12.2.0",
} as const;

const tag = z.string().regex(/^v?\d+\.\d+\.\d+([-.+][\w.-]+)?$/, "must be a release tag such as v0.42.4");
/**
 * Thanos, Prometheus, Alertmanager and prometheus-operator tag their releases (and images) `vX.Y.Z[-pre]`:
 * anything else names no image. Whether render supports the release is lint's question (version-unsupported).
 */
const releaseTag = z
  .string()
  .max(64)
  .regex(/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, "must be a release tag such as v0.42.4");

export const versionsSchema = z
  .object({
    thanos: releaseTag.default(DEFAULT_VERSIONS.thanos),
    prometheus: releaseTag.default(DEFAULT_VERSIONS.prometheus),
    alertmanager: releaseTag.default(DEFAULT_VERSIONS.alertmanager),
    prometheusOperator: releaseTag.default(DEFAULT_VERSIONS.prometheusOperator),
    memcached: z.string().max(64).default(DEFAULT_VERSIONS.memcached),
    grafana: tag.default(DEFAULT_VERSIONS.grafana),
  })
  .prefault({});
export type Versions = z.output<typeof versionsSchema>;

const TAGGED = ["thanos", "prometheus", "alertmanager", "prometheusOperator"] as const;

/**
 * Designs stored before release tags had to start with `v` may name `0.42.4`: read them as the tag they meant
 * (`v0.42.4`) instead of failing to open. Only the stored-document read path uses this; the API stays strict.
 */
export function withReleaseTagPrefix<T>(doc: T): T {
  const versions = (doc as { versions?: Record<string, unknown> } | null)?.versions;
  if (!versions || typeof versions !== "object") return doc;
  const fixed = { ...versions };
  for (const k of TAGGED)
    if (typeof fixed[k] === "string" && /^\d+\.\d+\.\d+/.test(fixed[k])) fixed[k] = `v${fixed[k]}`;
  return { ...doc, versions: fixed };
}
