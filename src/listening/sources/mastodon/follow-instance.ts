import { setTimeout as delay } from 'node:timers/promises';
import type { NetworkPolicy } from '../../../platform/net/address-policy.js';
import { catchUp, type CatchUpLimits } from './catch-up.js';
import type { MastodonClient } from './mastodon-client.js';
import type { StatusDelivery } from './status-delivery.js';
import { openStreaming, StreamingRefused, type StreamingConnection } from './streaming-client.js';
import type { TimelineFeed } from './timeline-feeds.js';

/** The timings and limits of following an instance. */
export interface FollowSettings extends CatchUpLimits {
  /** The first wait before reconnecting a dropped stream; it doubles while connections keep dropping soon after opening. */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** A connection that lasted this long counts as stable: the next reconnect waits the least again. */
  stableAfterMs: number;
  /** How often timelines are read by REST when the streaming API cannot be used. */
  pollIntervalMs: number;
  connectTimeoutMs: number;
  heartbeatMs: number;
  /** The most streamed items held while catching up. */
  bufferLimit: number;
  /** The most items delivered in one batch from the stream. */
  batchSize: number;
  random: () => number;
}

/** What following one instance needs. */
export interface FollowTarget {
  client: MastodonClient;
  feeds: readonly TimelineFeed[];
  delivery: StatusDelivery;
  /** The streaming API's WebSocket endpoint, or null when there is none to use. */
  streamingUrl: string | null;
  token: string | undefined;
  signal: AbortSignal;
  network: NetworkPolicy;
}

/** The wait before the `drops`-th reconnect in a row: doubling from the base up to the most, half of it random. */
export function reconnectDelayMs(drops: number, settings: Pick<FollowSettings, 'reconnectBaseMs' | 'reconnectMaxMs' | 'random'>): number {
  const ceiling = Math.min(settings.reconnectMaxMs, settings.reconnectBaseMs * 2 ** Math.min(Math.max(drops, 1) - 1, 30));
  return Math.round(ceiling * (0.5 + settings.random() / 2));
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch(() => undefined);
}

/** Delivers what a connection streams, in small batches as it comes, until it closes or the run stops. */
async function relay(connection: StreamingConnection, delivery: StatusDelivery, batchSize: number, signal: AbortSignal): Promise<void> {
  for (;;) {
    const items = await connection.items.take(batchSize, signal);
    if (items === null) return;
    await delivery.deliver(items);
  }
}

/**
 * Follows an instance's timelines until the signal aborts. Each round opens the stream first, so that what is posted
 * meanwhile waits in its queue, then catches up by REST from the committed since_ids, then relays the stream; when the
 * connection drops it waits a little and starts a new round, so nothing posted while disconnected is missed. When the
 * streaming API cannot be used, each round is a poll: the REST catch-up, then a wait. A refusal of the token (401, 403)
 * by the streaming API alone turns streaming off for the run (Mastodon 4.2+ streams only to signed-in users); other
 * failures to connect are tried again next round. Rejects when the REST API fails, or when the streaming host resolves
 * to an address the network policy does not allow.
 */
export async function followInstance(target: FollowTarget, settings: FollowSettings): Promise<void> {
  const { signal, delivery } = target;
  let streamingUrl = target.streamingUrl;
  let drops = 0;
  const connect = async (url: string): Promise<StreamingConnection | null> => {
    try {
      return await openStreaming({ url, token: target.token, subscriptions: target.feeds.map((feed) => feed.stream), signal, network: target.network, connectTimeoutMs: settings.connectTimeoutMs, heartbeatMs: settings.heartbeatMs, bufferLimit: settings.bufferLimit });
    } catch (error) {
      if (!(error instanceof StreamingRefused)) throw error;
      if (error.status === 401 || error.status === 403) streamingUrl = null;
      return null;
    }
  };
  while (!signal.aborted) {
    const connection = streamingUrl === null ? null : await connect(streamingUrl);
    try {
      await catchUp(target.client, target.feeds, delivery, settings);
      if (connection === null) {
        await pause(settings.pollIntervalMs, signal);
        continue;
      }
      const opened = Date.now();
      await relay(connection, delivery, settings.batchSize, signal);
      drops = Date.now() - opened >= settings.stableAfterMs ? 1 : drops + 1;
    } finally {
      connection?.close();
    }
    await pause(reconnectDelayMs(drops, settings), signal);
  }
}
