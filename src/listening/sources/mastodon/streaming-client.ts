import { WebSocket, type RawData } from 'ws';
import type { NetworkPolicy } from '../../../platform/net/address-policy.js';
import { PrivateAddressError, socketOptionsWithin } from '../../../platform/net/guarded-connect.js';
import { ItemQueue } from './item-queue.js';
import type { TimelineItem } from './status-delivery.js';
import { readStreamMessage } from './stream-message.js';
import type { TimelineFeed } from './timeline-feeds.js';

/** How to connect to a streaming API. */
export interface StreamingOptions {
  /** The WebSocket endpoint, `wss://…/api/v1/streaming`. */
  url: string;
  token: string | undefined;
  subscriptions: readonly TimelineFeed['stream'][];
  signal: AbortSignal;
  /** Where the server may be; the connection is checked against it. */
  network: NetworkPolicy;
  /** The opening handshake is abandoned after this. */
  connectTimeoutMs: number;
  /** A ping is sent this often; a connection that has not answered the last one by the next is dropped. */
  heartbeatMs: number;
  /** The most items held for the consumer; past it the connection is dropped (the REST catch-up fills the gap). */
  bufferLimit: number;
}

/** The streaming API could not be used: refused with an HTTP status (401 when it needs a user token), or unreachable. */
export class StreamingRefused extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
    this.name = 'StreamingRefused';
  }
}

/** An open connection: its items, in the order they came, end when it closes. */
export interface StreamingConnection {
  readonly items: ItemQueue<TimelineItem>;
  close(): void;
}

const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}

function reason(error: unknown): string {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Opens one multiplexed WebSocket to a streaming API, the token in the Authorization header, and subscribes to each
 * stream (`{"type":"subscribe","stream":"hashtag","tag":"nhs"}`). Resolves once open; items arriving from then on wait
 * in the connection's queue until taken. Rejects with StreamingRefused when the handshake fails.
 */
export function openStreaming(options: StreamingOptions): Promise<StreamingConnection> {
  const { signal } = options;
  if (signal.aborted) return Promise.reject(new StreamingRefused('Stopped.', null));
  const where = new URL(options.url).host;
  const items = new ItemQueue<TimelineItem>(options.bufferLimit);
  const socket = new WebSocket(options.url, {
    ...socketOptionsWithin(options.network),
    headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
    handshakeTimeout: options.connectTimeoutMs,
    maxPayload: MAX_MESSAGE_BYTES,
    followRedirects: false,
  });
  let alive = true;
  let heartbeat: NodeJS.Timeout | undefined;
  const close = (): void => {
    clearInterval(heartbeat);
    signal.removeEventListener('abort', close);
    items.end();
    socket.terminate();
  };
  signal.addEventListener('abort', close, { once: true });
  socket.on('message', (data) => {
    alive = true;
    const item = readStreamMessage(text(data));
    if (item !== null && !items.push(item)) close();
  });
  socket.on('pong', () => { alive = true; });
  socket.on('close', close);
  return new Promise((resolve, reject) => {
    const refuse = (error: StreamingRefused | PrivateAddressError): void => {
      close();
      reject(error);
    };
    socket.once('unexpected-response', (request, response) => {
      response.resume();
      request.destroy();
      refuse(new StreamingRefused(`The streaming API at ${where} answered ${response.statusCode ?? 'without a status'}.`, response.statusCode ?? null));
    });
    // A host that resolves inside will not be read from at all: that fails the run, with its reason, rather than being tried again.
    socket.on('error', (error) => refuse(error instanceof PrivateAddressError ? error : new StreamingRefused(`Could not connect to the streaming API at ${where} (${reason(error)}).`, null)));
    socket.once('close', () => refuse(new StreamingRefused(signal.aborted ? 'Stopped.' : `The streaming API at ${where} closed the connection at once.`, null)));
    socket.once('open', () => {
      for (const subscription of options.subscriptions) socket.send(JSON.stringify({ type: 'subscribe', ...subscription }));
      heartbeat = setInterval(() => {
        if (!alive) return close();
        alive = false;
        socket.ping();
      }, options.heartbeatMs);
      resolve({ items, close });
    });
  });
}
