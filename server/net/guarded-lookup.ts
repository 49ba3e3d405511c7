// A DNS lookup for outbound sockets that resolves, checks every address against the endpoint policy, and
// hands the socket only the addresses that passed: the connection goes to the address that was checked,
// so a name that answers differently between a check and the connect (DNS rebinding) gains nothing.
import dns from "node:dns";
import type { LookupFunction } from "node:net";

export class EndpointRefusedError extends Error {
  readonly code = "EENDPOINTREFUSED";
}

export function guardedLookup(addressAllowed: (address: string) => boolean): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      const allowed = (addresses as dns.LookupAddress[]).filter((a) => addressAllowed(a.address));
      if (allowed.length === 0) {
        return callback(
          new EndpointRefusedError(
            `${hostname} resolves to ${(addresses as dns.LookupAddress[]).map((a) => a.address).join(", ")}, which the allow-list does not cover`,
          ),
        );
      }
      if (options.all) return callback(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  }) as LookupFunction;
}
