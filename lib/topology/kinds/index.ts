/**
 * The registry of component kinds: one line per kind, in palette and document order. The catalog, the
 * document union, the palette, the inspector, render's table, status and lint all derive from this list.
 */
import { alertmanagerKind } from "./alertmanager";
import { bucketWebKind } from "./bucketWeb";
import { clusterKind } from "./cluster";
import { compactorKind } from "./compactor";
import { grafanaKind } from "./grafana";
import { memcachedKind } from "./memcached";
import { objectStoreKind } from "./objectStore";
import { prometheusKind } from "./prometheus";
import { queryKind } from "./query";
import { queryFrontendKind } from "./queryFrontend";
import { receiverKind } from "./receiver";
import { rulerKind } from "./ruler";
import { storeGatewayKind } from "./storeGateway";

export const KIND_DEFINITIONS = [
  clusterKind,
  prometheusKind,
  queryKind,
  queryFrontendKind,
  storeGatewayKind,
  compactorKind,
  rulerKind,
  receiverKind,
  bucketWebKind,
  objectStoreKind,
  alertmanagerKind,
  memcachedKind,
  grafanaKind,
] as const;

export type KindDefinitions = typeof KIND_DEFINITIONS;
export type ComponentKind = KindDefinitions[number]["kind"];

export * from "./define";
