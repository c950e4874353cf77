import { z } from 'zod';
import { MastodonRequestError, type MastodonClient } from './mastodon-client.js';

/** What Parley needs to know about an instance. */
export interface InstanceInfo {
  /** The instance's domain, the one its local accounts' handles end in. */
  domain: string;
  /** Where its streaming API is (`wss://streaming.example`), when it says. */
  streamingUrl: string | null;
  /** The most characters a local status may have, when it says. */
  maxCharacters: number | null;
}

const maxCharacters = z.object({ statuses: z.object({ max_characters: z.number().int().positive() }) }).transform((c) => c.statuses.max_characters);
const v2 = z.object({ domain: z.string().min(1), configuration: z.unknown().optional() });
const v2Streaming = z.object({ urls: z.object({ streaming: z.string().min(1) }) }).transform((c) => c.urls.streaming);
const v1 = z.object({
  uri: z.string().min(1),
  urls: z.object({ streaming_api: z.string().min(1) }).optional().catch(undefined),
  configuration: z.unknown().optional(),
});

function limitOf(configuration: unknown): number | null {
  const read = maxCharacters.safeParse(configuration);
  return read.success ? read.data : null;
}

/**
 * Reads an instance's configuration: `GET /api/v2/instance` (Mastodon 4.0+), or `GET /api/v1/instance` from older
 * servers and others that speak the API. Rejects, naming the instance, when neither answers as an instance should.
 */
export async function fetchInstanceInfo(client: MastodonClient): Promise<InstanceInfo> {
  try {
    const { body } = await client.get('/api/v2/instance');
    const read = v2.safeParse(body);
    if (read.success) {
      const streaming = v2Streaming.safeParse(read.data.configuration);
      return { domain: read.data.domain, streamingUrl: streaming.success ? streaming.data : null, maxCharacters: limitOf(read.data.configuration) };
    }
  } catch (error) {
    if (!(error instanceof MastodonRequestError) || (error.status !== 404 && error.status !== 410)) throw error;
  }
  let body: unknown;
  try {
    ({ body } = await client.get('/api/v1/instance'));
  } catch (error) {
    if (error instanceof MastodonRequestError && error.status === 404) {
      throw new MastodonRequestError(`${client.host} has no Mastodon API (404 Not Found for /api/v2/instance and /api/v1/instance): check the instance’s address.`, 404);
    }
    throw error;
  }
  const read = v1.safeParse(body);
  if (!read.success) throw new MastodonRequestError(`${client.host} does not describe itself as a Mastodon instance does (at /api/v2/instance or /api/v1/instance): check the instance’s address.`, null);
  return { domain: read.data.uri.replace(/^https?:\/\//, '').replace(/\/.*$/, ''), streamingUrl: read.data.urls?.streaming_api ?? null, maxCharacters: limitOf(read.data.configuration) };
}

/**
 * The WebSocket address of an instance's streaming API: the one it names, else its own host (`ws:`/`wss:` for
 * `http:`/`https:`). Null when that address is unusable: not a web or WebSocket address, or not encrypted while the
 * instance is, which would send the token in the clear.
 */
export function streamingEndpoint(info: InstanceInfo, instanceUrl: string): string | null {
  const instance = new URL(instanceUrl);
  const named = info.streamingUrl ?? instance.origin;
  if (!URL.canParse(named)) return null;
  const url = new URL(named);
  const scheme = url.protocol === 'ws:' || url.protocol === 'http:' ? 'ws:' : url.protocol === 'wss:' || url.protocol === 'https:' ? 'wss:' : undefined;
  if (scheme === undefined || (instance.protocol === 'https:' && scheme !== 'wss:')) return null;
  return `${scheme}//${url.host}${url.pathname.replace(/\/+$/, '')}/api/v1/streaming`;
}
