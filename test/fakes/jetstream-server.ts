import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { JetstreamEvent } from '../../src/listening/sources/bluesky/jetstream-fixtures.js';

/** What the server sends: an event, or any text (a malformed event) sent at that time in the stream. */
export type FakeMessage = JetstreamEvent | { time_us: number; raw: string };

/** What happens to a connection after it has been sent `after` messages: it is cut off, or the server goes silent. */
export interface ConnectionFault {
  after: number;
  then: 'drop' | 'stall';
}

/** How the server behaves. */
export interface JetstreamServerOptions {
  /** The stream, in time order: a client without a cursor gets it from the start, one with a cursor from there. */
  events?: readonly FakeMessage[];
  /** Faults by accepted connection: the first entry for the first, and so on; those beyond the list have none. */
  faults?: readonly (ConnectionFault | undefined)[];
  /** Send this many messages, then wait so long, and again; all at once when absent. */
  pace?: { events: number; everyMs: number };
}

/** A running fake Jetstream on 127.0.0.1. */
export interface JetstreamServer {
  /** ws://127.0.0.1:port/subscribe */
  readonly url: string;
  /** The query string of each connection attempt (refused ones too), in order. */
  readonly queries: readonly string[];
  /** Connections open now. */
  readonly open: number;
  /** Adds messages to the stream; connected clients get them as live events. */
  push(...messages: FakeMessage[]): void;
  /** Answers new connections with this HTTP status (and Retry-After) instead of upgrading them, until called with null. */
  refuse(status: number | null, retryAfter?: string): void;
  close(): Promise<void>;
}

const BUFFER_LIMIT = 1 << 20;

/**
 * Starts a WebSocket server that speaks Jetstream's subscribe protocol: JSON text messages, one event each;
 * `wantedCollections` (repeatable, NSIDs or prefixes ending in `.*`) filters commits while identity and account events
 * always pass; `cursor` (a `time_us`) replays from the first event at or after it. Unknown paths answer 404.
 */
export async function startJetstreamServer(options: JetstreamServerOptions = {}): Promise<JetstreamServer> {
  const stream: FakeMessage[] = [...(options.events ?? [])];
  const queries: string[] = [];
  const clients = new Set<Client>();
  let refusal: { status: number; retryAfter?: string } | null = null;
  let accepted = 0;
  const sockets = new Set<Duplex>();
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer((_request, response) => response.writeHead(426).end());
  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    queries.push(url.search.slice(1));
    if (url.pathname !== '/subscribe' || refusal !== null) {
      const status = refusal?.status ?? 404;
      const retry = refusal?.retryAfter === undefined ? '' : `Retry-After: ${refusal.retryAfter}\r\n`;
      socket.end(`HTTP/1.1 ${status} Refused\r\n${retry}Content-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const fault = options.faults?.[accepted];
    accepted += 1;
    wss.handleUpgrade(request, socket, head, (ws) => {
      const client = new Client(ws, stream, url.searchParams, fault, options.pace);
      clients.add(client);
      ws.once('close', () => clients.delete(client));
      client.pump();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('The fake Jetstream has no TCP port.');
  return {
    url: `ws://127.0.0.1:${address.port}/subscribe`,
    queries,
    get open() { return clients.size; },
    push(...messages) {
      stream.push(...messages);
      for (const client of clients) client.pump();
    },
    refuse(status, retryAfter) {
      refusal = status === null ? null : { status, ...(retryAfter === undefined ? {} : { retryAfter }) };
    },
    close: async () => {
      for (const client of clients) client.socket.terminate();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve, reject) => http.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** One subscriber: where it is in the stream, what it wants, and its fault. */
class Client {
  private position: number;
  private sent = 0;
  private stalled = false;
  private scheduled: NodeJS.Timeout | undefined;
  private readonly wanted: string[];

  constructor(
    readonly socket: WebSocket,
    private readonly stream: readonly FakeMessage[],
    params: URLSearchParams,
    private readonly fault: ConnectionFault | undefined,
    private readonly pace: { events: number; everyMs: number } | undefined,
  ) {
    this.wanted = params.getAll('wantedCollections');
    const cursor = Number(params.get('cursor') ?? Number.NaN);
    const from = Number.isNaN(cursor) ? 0 : stream.findIndex((message) => message.time_us >= cursor);
    this.position = from === -1 ? stream.length : from;
    socket.once('close', () => clearTimeout(this.scheduled));
  }

  /** Sends what the client has not had yet, as the pace and the fault allow. */
  pump(): void {
    if (this.scheduled !== undefined) return;
    let burst = 0;
    while (!this.stalled && this.socket.readyState === this.socket.OPEN && this.position < this.stream.length) {
      if (this.fault !== undefined && this.sent >= this.fault.after) {
        if (this.fault.then === 'drop') this.socket.terminate();
        this.stalled = true;
        return;
      }
      if ((this.pace !== undefined && burst >= this.pace.events) || this.socket.bufferedAmount > BUFFER_LIMIT) {
        this.scheduled = setTimeout(() => {
          this.scheduled = undefined;
          this.pump();
        }, this.pace?.everyMs ?? 5);
        return;
      }
      const message = this.stream[this.position];
      this.position += 1;
      if (message === undefined || !this.wants(message)) continue;
      this.socket.send('raw' in message ? message.raw : JSON.stringify(message));
      this.sent += 1;
      burst += 1;
    }
    if (this.fault?.then === 'drop' && this.sent >= this.fault.after && !this.stalled) {
      this.socket.terminate();
      this.stalled = true;
    }
  }

  private wants(message: FakeMessage): boolean {
    if ('raw' in message || message.kind !== 'commit' || this.wanted.length === 0) return true;
    const { collection } = message.commit;
    return this.wanted.some((nsid) => (nsid.endsWith('.*') ? collection.startsWith(nsid.slice(0, -1)) : collection === nsid));
  }
}
