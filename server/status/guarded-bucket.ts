/**
 * Bucket listings as the status collector may make them: the endpoint is checked against the workspace's
 * allow-list (read from the settings on every listing, so a narrowed list applies at once), names are
 * resolved and every address checked before the socket connects, redirects are not followed (the S3
 * SDK's Node handler never does), and peers' answers reach the caller only as a parsed state.
 */
import "server-only";
import http from "node:http";
import https from "node:https";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { getSettings } from "@/server/db/settings";
import { endpointPolicy, parseEndpoint, type EndpointPolicyCheck } from "@/server/net/endpoint-allow-list";
import { guardedLookup } from "@/server/net/guarded-lookup";
import { createBucketClient, listBlocks } from "./bucket";
import type { ListBucket } from "./live";

export async function workspaceEndpointPolicy(): Promise<EndpointPolicyCheck> {
  const s = await getSettings();
  return endpointPolicy({ entries: s.objectStoreEndpoints, allowProviderEndpoints: s.allowProviderEndpoints });
}

export function guardedListBucket(policy: () => Promise<EndpointPolicyCheck> = workspaceEndpointPolicy): ListBucket {
  return async (access, init) => {
    const checkedAt = new Date().toISOString();
    const refused = (why: string) => {
      console.warn(`[status] bucket ${access.bucket}: not listed: ${why}`);
      return {
        ok: false as const,
        kind: "refused" as const,
        error: `bucket ${access.bucket}: the endpoint is not on the workspace's allow-list (an admin can add it under Settings)`,
        checkedAt,
        durationMs: 0,
      };
    };
    const check = await policy();
    if (access.endpoint !== undefined) {
      const target = parseEndpoint(access.endpoint);
      if ("problem" in target) return refused(target.problem);
      if (!check.hostAllowed(target.host, target.port)) return refused(`${target.host}:${target.port} not allowed`);
    } else if (!check.hostAllowed("s3.amazonaws.com", 443)) {
      return refused("AWS public endpoints are not allowed");
    }
    const lookup = guardedLookup((address) => check.addressAllowed(address));
    const httpAgent = new http.Agent({ keepAlive: false, lookup });
    const httpsAgent = new https.Agent({ keepAlive: false, lookup });
    const client = createBucketClient(access, new NodeHttpHandler({ httpAgent, httpsAgent }));
    try {
      return await listBlocks(client, access.bucket, {
        prefix: access.prefix,
        timeoutMs: init.timeoutMs,
        signal: init.signal,
      });
    } finally {
      client.destroy();
      httpAgent.destroy();
      httpsAgent.destroy();
    }
  };
}
