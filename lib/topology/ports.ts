/**
 * The port numbers every part agrees on: render listens on them, lint and status address them. They follow the
 * Thanos convention (gRPC 10901, HTTP 10902, remote write 19291) and each upstream's own default otherwise.
 */
export const PORTS = {
  grpc: 10901,
  http: 10902,
  /** Query and Query Frontend serve HTTP on 9090, as kube-thanos does, so Grafana URLs read as Prometheus ones. */
  queryHttp: 9090,
  prometheus: 9090,
  remoteWrite: 19291,
  alertmanager: 9093,
  alertmanagerCluster: 9094,
  memcached: 11211,
  grafana: 3000,
  /** The Ruler's configmap-reload sidecar (its metrics and health). */
  configReloader: 9533,
} as const;
