import { z } from 'zod';
import { failureOutcome } from './answer-outcome.js';
import { callJson, type HttpResult } from './http-call.js';
import type { PublishOutcome } from './publisher.js';

/** One XRPC call: a query (GET, parameters in the URL) or a procedure (POST, a JSON body). */
export interface XrpcCall {
  method: 'GET' | 'POST';
  nsid: string;
  query?: Record<string, string>;
  json?: unknown;
  /** The bearer token: an access token, or the refresh token for `refreshSession`. */
  token?: string;
}

const errorSchema = z.object({ error: z.string().optional(), message: z.string().optional() });

// What a PDS answers about credentials (its `error` names); a token that expired is renewed rather than reported.
const TOKEN_ERRORS = new Set(['ExpiredToken', 'InvalidToken']);
const ACCOUNT_ERRORS = new Set(['AuthenticationRequired', 'AccountTakedown', 'AccountDeactivated', 'AccountSuspended', 'AuthFactorTokenRequired', 'InvalidPassword']);

/** Makes an XRPC call to a PDS (`<service>/xrpc/<nsid>`). */
export function xrpc(service: URL, call: XrpcCall, timeoutMs: number): Promise<HttpResult> {
  const url = new URL(`/xrpc/${call.nsid}`, service);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = call.token === undefined ? {} : { authorization: `Bearer ${call.token}` };
  return callJson({ method: call.method, url, headers, json: call.json, timeoutMs });
}

/** The `error` name and `message` of an XRPC error answer. */
export function xrpcError(result: HttpResult): { error: string | undefined; message: string | undefined } {
  const read = result.kind === 'answer' ? errorSchema.safeParse(result.body) : undefined;
  return read?.success === true ? { error: read.data.error, message: read.data.message } : { error: undefined, message: undefined };
}

/** Whether an answer says the access (or refresh) token is expired, revoked or unknown. */
export function isTokenError(result: HttpResult): boolean {
  if (result.kind !== 'answer' || (result.status !== 400 && result.status !== 401)) return false;
  const { error } = xrpcError(result);
  return error !== undefined && TOKEN_ERRORS.has(error);
}

/** Turns a failed XRPC call into an outcome, naming the PDS and quoting its error. */
export function xrpcFailure(service: URL, result: HttpResult, now: Date): PublishOutcome {
  const { error, message } = xrpcError(result);
  const platformMessage = [error, message].filter((part) => part !== undefined && part !== '').join(': ');
  return failureOutcome(result, {
    who: `Bluesky (${service.host})`,
    platformMessage,
    credentialsAdvice: 'Check the channel’s handle and replace its app password.',
    credentialsRefused: error !== undefined && (ACCOUNT_ERRORS.has(error) || TOKEN_ERRORS.has(error)),
  }, now);
}
