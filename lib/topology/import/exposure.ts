import { arr, isObj, obj, str, type Obj } from "./objects";
import type { KubeObject } from "./parse";

/** The label value render gives the Ingress and LoadBalancer Services that expose a cluster (server/render/exposure.ts). */
const EXTERNAL_ACCESS = "external-access";

const isExternalAccess = (o: KubeObject) => o.metadata.labels?.["app.kubernetes.io/component"] === EXTERNAL_ACCESS;

/**
 * A cluster's `exposure` from what render emitted for it: an Ingress means `ingress` (its class and TLS Secret),
 * a LoadBalancer Service for remote write means `loadBalancer`, and nothing at all while other clusters address
 * it by its external host means `none`. StoreAPI-only LoadBalancers look the same under `ingress` and
 * `loadBalancer`: undefined (the default) then.
 */
export function readExposure(objects: KubeObject[], cluster: string, addressedFromOutside: boolean): Obj | undefined {
  const own = objects.filter(isExternalAccess);
  const ingress = own.find((o) => o.kind === "Ingress");
  if (ingress) {
    const spec = obj(ingress.spec);
    const tls = str(obj(arr(spec.tls).filter(isObj)[0]).secretName);
    return {
      type: "ingress",
      ingressClassName: str(spec.ingressClassName) ?? "nginx",
      ...(tls && tls !== `${cluster}-external-tls` ? { tlsSecretName: tls } : {}),
    };
  }
  const remoteWrite = own.some(
    (o) =>
      o.kind === "Service" &&
      obj(o.spec).type === "LoadBalancer" &&
      arr(obj(o.spec).ports).some((p) => obj(p).name === "remote-write"),
  );
  if (remoteWrite) return { type: "loadBalancer" };
  if (!own.length && addressedFromOutside) return { type: "none" };
  return undefined;
}
