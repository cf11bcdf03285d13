// A DNS lookup for health checks that refuses names resolving to addresses the allow-list forbids
// (link-local, cloud metadata): the check connects to the address this lookup returns, so the
// address checked is the address used (no second lookup for a rebinding name to change).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";

export type AddressGuard = (address: string, host: string) => boolean;

export class ForbiddenAddressError extends Error {
  readonly code = "EFORBIDDEN";
  constructor(host: string, address: string) {
    super(`${host} is ${address}: a link-local or metadata address (list it in HEALTH_CHECK_ALLOW to check it)`);
  }
}

type Callback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export function guardedLookup(guard: AddressGuard) {
  return (hostname: string, options: LookupOptions, callback: Callback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const refused = addresses.find((a) => !guard(a.address, hostname));
      if (refused) return callback(new ForbiddenAddressError(hostname, refused.address), []);
      if (options.all) return callback(null, addresses);
      if (!addresses[0]) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
