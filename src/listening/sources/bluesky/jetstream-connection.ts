import WebSocket, { type RawData } from 'ws';
import type { NetworkPolicy } from '../../../platform/net/address-policy.js';
import { socketOptionsWithin } from '../../../platform/net/guarded-connect.js';
import { retryAfterSeconds } from '../feed/backoff.js';

/** A connection to Jetstream that could not be opened, and how long the server asked to wait (a 429's Retry-After). */
export class JetstreamConnectError extends Error {
  constructor(message: string, readonly retryAfterSeconds: number | null) {
    super(message);
    this.name = 'JetstreamConnectError';
  }
}

/** How a connection behaves. */
export interface ConnectionOptions {
  /** Closes the connection. */
  signal: AbortSignal;
  /** Where the server may be; the connection is checked against it. */
  network: NetworkPolicy;
  /** Abandon an opening handshake after this long. */
  connectTimeoutMs: number;
  /** Ping the server after this long without a message; give the connection up after twice as long. */
  heartbeatMs: number;
  /** Stop reading from the socket while this many messages wait to be read (the server then waits, or drops us). */
  highWaterMark: number;
  userAgent?: string;
}

/** An open Jetstream connection: the messages it has received, in order. */
export interface JetstreamConnection {
  /**
   * The next messages, up to `max`: waits for the first, then up to `lingerMs` more for the rest. Null once the
   * connection has closed and every message has been read.
   */
  read(max: number, lingerMs: number): Promise<string[] | null>;
  /** Why the connection ended, once it has. */
  readonly closeReason: string | null;
  close(): void;
}

/** Opens a WebSocket to a Jetstream subscribe URL; rejects with JetstreamConnectError when it cannot. */
export function openJetstream(url: string, options: ConnectionOptions): Promise<JetstreamConnection> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { ...socketOptionsWithin(options.network), handshakeTimeout: options.connectTimeoutMs, headers: { 'user-agent': options.userAgent ?? 'Parley Jetstream reader' } });
    let failure: JetstreamConnectError | undefined;
    const abort = () => socket.terminate();
    options.signal.addEventListener('abort', abort, { once: true });
    socket.on('error', (error) => { failure ??= new JetstreamConnectError(error.message, null); });
    socket.once('unexpected-response', (_request, response) => {
      const header = response.headers['retry-after'];
      failure = new JetstreamConnectError(`The server answered ${response.statusCode ?? '?'} ${response.statusMessage ?? ''}`.trim(), retryAfterSeconds(typeof header === 'string' ? header : null, new Date()));
      response.resume();
      socket.terminate();
    });
    const closed = () => {
      options.signal.removeEventListener('abort', abort);
      reject(failure ?? new JetstreamConnectError(options.signal.aborted ? 'Stopped' : 'The connection closed before it opened', null));
    };
    socket.once('close', closed);
    socket.once('open', () => {
      socket.off('close', closed);
      options.signal.removeEventListener('abort', abort);
      resolve(attach(socket, options));
    });
  });
}

function attach(socket: WebSocket, options: ConnectionOptions): JetstreamConnection {
  const queue: string[] = [];
  let closeReason: string | null = null;
  let lastError: string | null = null;
  let lastHeard = Date.now();
  let paused = false;
  let waiter: { max: number; lingerMs: number; resolve: (messages: string[] | null) => void; timer?: NodeJS.Timeout } | undefined;

  const take = (max: number): string[] | null => {
    if (queue.length === 0) return null;
    const messages = queue.splice(0, max);
    if (paused && queue.length < options.highWaterMark / 2) {
      paused = false;
      socket.resume();
    }
    return messages;
  };
  const answer = () => {
    if (waiter === undefined) return;
    const { max, resolve, timer } = waiter;
    clearTimeout(timer);
    waiter = undefined;
    resolve(take(max));
  };
  const wake = () => {
    if (waiter === undefined) return;
    if (closeReason !== null || queue.length >= waiter.max) answer();
    else if (queue.length > 0) waiter.timer ??= setTimeout(answer, waiter.lingerMs);
  };
  const close = () => {
    if (socket.readyState === WebSocket.CLOSED) return;
    socket.close(1000);
    setTimeout(() => socket.terminate(), 2000).unref();
  };

  const heartbeat = setInterval(() => {
    const silentMs = Date.now() - lastHeard;
    if (paused) lastHeard = Date.now();
    else if (silentMs >= 2 * options.heartbeatMs) {
      lastError = `No message from the server for ${Math.round(silentMs / 1000)} s`;
      socket.terminate();
    } else if (silentMs >= options.heartbeatMs) socket.ping();
  }, options.heartbeatMs);
  heartbeat.unref();

  const stop = () => {
    close();
    if (waiter === undefined) return;
    clearTimeout(waiter.timer);
    waiter.resolve(null);
    waiter = undefined;
  };
  options.signal.addEventListener('abort', stop, { once: true });
  socket.on('message', (data, isBinary) => {
    lastHeard = Date.now();
    if (isBinary) return;
    queue.push(textOf(data));
    if (!paused && queue.length >= options.highWaterMark) {
      paused = true;
      socket.pause();
    }
    wake();
  });
  socket.on('pong', () => { lastHeard = Date.now(); });
  socket.on('error', (error) => { lastError ??= error.message; });
  socket.once('close', (code, reason) => {
    clearInterval(heartbeat);
    options.signal.removeEventListener('abort', stop);
    closeReason = options.signal.aborted ? 'Stopped' : lastError ?? `The server closed the connection (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`;
    wake();
  });

  return {
    get closeReason() { return closeReason; },
    close,
    read(max, lingerMs) {
      if (options.signal.aborted) return Promise.resolve(null);
      if (queue.length >= max || closeReason !== null) return Promise.resolve(take(max));
      return new Promise((resolve) => {
        waiter = { max, lingerMs, resolve };
        wake();
      });
    },
  };
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
