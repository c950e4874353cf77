import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { isPublicAddress, privateAddressRefusal, type NetworkPolicy } from './address-policy.js';

/** A connection not made because its host resolved to an address the network policy does not allow. */
export class PrivateAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrivateAddressError';
  }
}

/** A resolver that answers every address of a name (dns.lookup with `all: true`). */
export type ResolveAll = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const resolveAll: ResolveAll = (hostname, options, callback) => dnsLookup(hostname, options, callback);

/**
 * A DNS lookup for sockets that fails when a name resolves to any address off the public internet. It runs as the
 * connection is made and the socket connects to what it returned, so a name cannot answer a public address to an
 * earlier check and a private one to the connection (DNS rebinding). Addresses written as IP literals are not looked up
 * at all: `refusedAddress` checks those before connecting.
 */
export function publicOnlyLookupVia(resolve: ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const inside = addresses.find((found) => !isPublicAddress(found.address));
      const first = addresses[0];
      if (inside !== undefined) callback(new PrivateAddressError(privateAddressRefusal(hostname, inside.address)), '', 0);
      else if (options.all === true) callback(null, addresses);
      else if (first === undefined) callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      else callback(null, first.address, first.family);
    });
  };
}

/** `publicOnlyLookupVia` the system's resolver. */
const publicOnlyLookup = publicOnlyLookupVia(resolveAll);

/** What a source reader reads of an answer: undici's own fetch answers with its own Response class, not the global one. */
export type FetchedResponse = Pick<Response, 'status' | 'ok' | 'headers' | 'body'>;

/** What a source reader asks of fetch. */
export type NetworkFetch = (url: string | URL, init: { headers: Record<string, string>; redirect: 'manual'; signal: AbortSignal }) => Promise<FetchedResponse>;

/** Fetch whose every connection looks its host up with `lookup` and connects to the address it gives. */
export function fetchConnectingVia(lookup: LookupFunction): NetworkFetch {
  const dispatcher = new Agent({ connect: { lookup } });
  return (url, init) => undiciFetch(url, { ...init, dispatcher });
}

let publicOnlyFetch: NetworkFetch | undefined;

/** Fetch as the policy allows: where only the public internet is allowed, every connection looks its host up with `publicOnlyLookup`. */
export function fetchWithin(policy: NetworkPolicy): NetworkFetch {
  if (policy.allowPrivate) return fetch;
  publicOnlyFetch ??= fetchConnectingVia(publicOnlyLookup);
  return publicOnlyFetch;
}

/** The options that make a WebSocket's connection keep to the policy (see `publicOnlyLookup`). */
export function socketOptionsWithin(policy: NetworkPolicy): { lookup?: LookupFunction } {
  return policy.allowPrivate ? {} : { lookup: publicOnlyLookup };
}

/** The policy's reason when a failed request or connection was refused for its address, found in its cause. */
export function privateAddressReason(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1) {
    if (current instanceof PrivateAddressError) return current.message;
  }
  return undefined;
}
