/** An answer read in full (`body` is its JSON, or undefined when it is not JSON), or why none came. */
export type HttpResult =
  | { kind: 'answer'; status: number; headers: Headers; body: unknown }
  | { kind: 'unreachable'; message: string };

/** One request to a platform. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** The request, answer included, is abandoned after this. */
  timeoutMs: number;
}

const MAX_BYTES = 2 * 1024 * 1024;
const USER_AGENT = 'Parley (public service replies)';

async function readJson(response: Response): Promise<unknown> {
  if (response.body === null) return undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    if (!(chunk instanceof Uint8Array)) continue;
    total += chunk.byteLength;
    if (total > MAX_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks, total).toString('utf8'));
    return parsed;
  } catch {
    return undefined;
  }
}

function describeFailure(error: unknown): string {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Makes one request and reads its JSON answer. Redirects are not followed, so credentials go only to the host
 * named; a time-out or a network error becomes `unreachable`, never a rejection.
 */
export async function callJson(request: HttpRequest): Promise<HttpResult> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT, ...request.headers };
  if (request.json !== undefined) headers['content-type'] = 'application/json';
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      body: request.json === undefined ? null : JSON.stringify(request.json),
      redirect: 'manual',
      signal,
    });
    return { kind: 'answer', status: response.status, headers: response.headers, body: await readJson(response) };
  } catch (error) {
    if (signal.aborted) return { kind: 'unreachable', message: `${request.url.host} gave no complete answer within ${request.timeoutMs / 1000} s` };
    return { kind: 'unreachable', message: `Could not reach ${request.url.host} (${describeFailure(error)})` };
  }
}
