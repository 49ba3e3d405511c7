// Reads only the context list of a pasted kubeconfig, in the browser, for the context picker. Validation
// (exec plugins, file paths, …) is the server's job; this never looks at credentials.
import { parse } from "yaml";

export interface KubeconfigContexts {
  contexts: { name: string; cluster?: string; user?: string; namespace?: string }[];
  current?: string;
  error?: string;
}

export function kubeconfigContexts(text: string): KubeconfigContexts {
  if (!text.trim()) return { contexts: [] };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return { contexts: [], error: `not valid YAML: ${(e as Error).message.split("\n")[0]}` };
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    return { contexts: [], error: "not a kubeconfig (expected a YAML mapping)" };
  const d = doc as { contexts?: unknown; "current-context"?: unknown };
  const list = Array.isArray(d.contexts) ? d.contexts : [];
  const contexts = list
    .map((c) => c as { name?: unknown; context?: { cluster?: unknown; user?: unknown; namespace?: unknown } })
    .filter((c) => typeof c?.name === "string" && c.name)
    .map((c) => ({
      name: c.name as string,
      cluster: typeof c.context?.cluster === "string" ? c.context.cluster : undefined,
      user: typeof c.context?.user === "string" ? c.context.user : undefined,
      namespace: typeof c.context?.namespace === "string" ? c.context.namespace : undefined,
    }));
  const current = typeof d["current-context"] === "string" ? d["current-context"] : undefined;
  return { contexts, current, error: contexts.length ? undefined : "this kubeconfig has no contexts" };
}
