// Where the studio itself may connect because of a design (object-store listings): a workspace
// allow-list that admins edit, plus the providers' public endpoints. Host entries match names; IP and
// CIDR entries match addresses, and are the only way to reach loopback, private or link-local ranges,
// so a name that resolves to 10.x or 127.x (DNS rebinding, in-cluster services) stays refused.
import { isIP } from "node:net";
import { addressEntryProblem, addressSet, unmapped } from "./address-set";

export interface EndpointPolicy {
  /** Admin entries: host, host:port, *.domain[:port], IP or CIDR. */
  entries: readonly string[];
  allowProviderEndpoints: boolean;
}

/** Public endpoints of the object stores Thanos supports (`*.` covers every subdomain). */
export const PROVIDER_PUBLIC_ENDPOINTS: readonly string[] = [
  "*.amazonaws.com",
  "*.amazonaws.com.cn",
  "storage.googleapis.com",
  "*.blob.core.windows.net",
  "*.myqcloud.com",
  "*.aliyuncs.com",
];

const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/;

function isAddressEntry(entry: string): boolean {
  return isIP(entry.split("/")[0]) !== 0;
}

/** The problem with one allow-list entry, or null. */
export function endpointEntryProblem(entry: string): string | null {
  const e = entry.trim().toLowerCase();
  if (isAddressEntry(e)) return addressEntryProblem(e);
  if (!HOST_PATTERN.test(e)) return `"${entry}" is not a host, host:port, *.domain, IP or CIDR`;
  const port = e.split(":")[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return `"${entry}": port must be 1–65535`;
  return null;
}

export interface EndpointTarget {
  protocol: "http:" | "https:";
  host: string;
  port: number;
}

/** An object store's `endpoint` setting as Thanos reads it: `host[:port]`, or a URL with nothing after the host. */
export function parseEndpoint(endpoint: string, insecure = false): EndpointTarget | { problem: string } {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `${insecure ? "http" : "https"}://${endpoint}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: "endpoint must be host[:port] or an http(s) URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: "endpoint must use http or https" };
  if (url.username || url.password) return { problem: "endpoint must not carry credentials" };
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash)
    return { problem: "endpoint must be a host and port only (no path or query)" };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return { protocol: url.protocol, host, port };
}

function hostMatches(pattern: string, host: string, port: number): boolean {
  const [name, portText] = pattern.toLowerCase().split(":");
  if (portText !== undefined && Number(portText) !== port) return false;
  if (name.startsWith("*.")) return host.endsWith(name.slice(1)) && host.length > name.length - 1;
  return host === name;
}

/**
 * Addresses nobody reaches unless an IP or CIDR entry names them: loopback, RFC 1918, CGNAT, link-local
 * (cloud metadata at 169.254.169.254), unspecified, multicast, IPv6 unique-local and link-local.
 */
const SPECIAL_RANGES = addressSet([
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "224.0.0.0/3",
  "::/128",
  "::1/128",
  "fc00::/7",
  "fe80::/10",
  "ff00::/8",
  "64:ff9b::/96",
]);

export function isSpecialAddress(address: string): boolean {
  return SPECIAL_RANGES.has(unmapped(address));
}

export function endpointPolicy(p: EndpointPolicy) {
  const addressEntries = p.entries.filter(isAddressEntry);
  const hostEntries = p.entries.filter((e) => !isAddressEntry(e));
  const addresses = addressSet(addressEntries);
  const patterns = [...hostEntries, ...(p.allowProviderEndpoints ? PROVIDER_PUBLIC_ENDPOINTS : [])];
  return {
    /** Is this host (a name or an IP literal) one the studio may ask, before any DNS? */
    hostAllowed(host: string, port: number): boolean {
      const h = host.toLowerCase().replace(/^\[|\]$/g, "");
      if (isIP(h)) return addresses.has(h) && (!isSpecialAddress(h) || addresses.has(h));
      return patterns.some((pattern) => hostMatches(pattern, h, port));
    },
    /** May the studio connect to this resolved address? Special ranges only when an entry covers them. */
    addressAllowed(address: string): boolean {
      return !isSpecialAddress(address) || addresses.has(address);
    },
    /** Why an endpoint setting is refused, or null when it is allowed (checked when a design is saved). */
    endpointProblem(endpoint: string, insecure = false): string | null {
      const target = parseEndpoint(endpoint, insecure);
      if ("problem" in target) return target.problem;
      if (!this.hostAllowed(target.host, target.port))
        return `endpoint ${target.host}:${target.port} is not on the workspace's allow-list of object-store endpoints; an admin can add it under Settings`;
      return null;
    },
  };
}
export type EndpointPolicyCheck = ReturnType<typeof endpointPolicy>;
