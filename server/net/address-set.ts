// Sets of IP addresses written as CIDRs or single addresses ("10.0.0.0/8, ::1, 192.168.1.7"), on
// node's BlockList so IPv4-mapped IPv6 (`::ffff:10.1.2.3`) matches its IPv4 range.
import { BlockList, isIP } from "node:net";

export interface AddressSet {
  has(address: string): boolean;
  readonly entries: readonly string[];
}

/** The problem with one entry, or null when it is a valid address or CIDR. */
export function addressEntryProblem(entry: string): string | null {
  const [addr, bits, extra] = entry.trim().split("/");
  const family = isIP(addr ?? "");
  if (!family || extra !== undefined) return `"${entry}" is not an IP address or CIDR`;
  if (bits === undefined) return null;
  const n = Number(bits);
  const max = family === 4 ? 32 : 128;
  if (!/^\d+$/.test(bits) || n > max) return `"${entry}": prefix length must be 0–${max}`;
  return null;
}

export function addressSet(entries: readonly string[]): AddressSet {
  const list = new BlockList();
  const kept: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry || addressEntryProblem(entry)) continue;
    const [addr, bits] = entry.split("/");
    const type = isIP(addr) === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
    kept.push(entry);
  }
  return {
    entries: kept,
    has(address: string) {
      const plain = unmapped(address);
      const family = isIP(plain);
      if (!family) return false;
      return list.check(plain, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** `::ffff:10.1.2.3` → `10.1.2.3`; anything else unchanged. */
export function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : address;
}

export function parseAddressList(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
