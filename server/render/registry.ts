import type { ComponentKind, ComponentOf } from "@/lib/topology";
import { renderAlertmanager } from "./alertmanager";
import { renderBucketWeb } from "./bucket-web";
import { renderCluster } from "./cluster";
import { renderCompactor } from "./compactor";
import { renderGrafana } from "./grafana";
import { renderMemcached } from "./memcached";
import { renderPrometheus } from "./prometheus";
import { renderQuery } from "./query";
import { renderQueryFrontend } from "./query-frontend";
import { renderReceiver } from "./receiver";
import { renderRuler } from "./ruler";
import { renderStoreGateway } from "./store-gateway";
import type { KubeObject, RenderContext } from "./types";

/** Renders one component into the cluster being rendered. */
export type Renderer<K extends ComponentKind = ComponentKind> = (ctx: RenderContext, c: ComponentOf<K>) => KubeObject[];

/** Buckets are not deployed: each cluster gets the objstore Secret its uploaders mount (renderObjectStoreSecrets). */
const renderObjectStore: Renderer<"objectStore"> = () => [];

/** One renderer per kind; a kind without one does not compile. */
export const RENDERERS: { [K in ComponentKind]: Renderer<K> } = {
  cluster: renderCluster,
  prometheus: renderPrometheus,
  query: renderQuery,
  queryFrontend: renderQueryFrontend,
  storeGateway: renderStoreGateway,
  compactor: renderCompactor,
  ruler: renderRuler,
  receiver: renderReceiver,
  bucketWeb: renderBucketWeb,
  objectStore: renderObjectStore,
  alertmanager: renderAlertmanager,
  memcached: renderMemcached,
  grafana: renderGrafana,
};
