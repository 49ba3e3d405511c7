import type { DesignInput } from "../design";
import { fullStackReceiver } from "./full-stack-receiver";
import { hashmodShards } from "./hashmod-shards";
import { multiClusterReceivers } from "./multi-cluster-receivers";
import { operatorSidecar } from "./operator-sidecar";
import { sidecarHa } from "./sidecar-ha";

export interface Template {
  /** Stable id used by the API (`{"template": name}`) and the CLI. */
  name: string;
  title: string;
  description: string;
  design: DesignInput;
}

const t = (name: string, design: DesignInput): Template => ({
  name,
  title: design.name,
  description: design.description ?? "",
  design,
});

/** One template per architecture of the source documents, in document order. */
export const TEMPLATES: readonly Template[] = [
  t("sidecar-ha", sidecarHa),
  t("hashmod-shards", hashmodShards),
  t("full-stack-receiver", fullStackReceiver),
  t("operator-sidecar", operatorSidecar),
  t("multi-cluster-receivers", multiClusterReceivers),
];

export function getTemplate(name: string): Template | undefined {
  return TEMPLATES.find((x) => x.name === name);
}
