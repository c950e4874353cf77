import { TextDecoder } from 'node:util';
import type { FetchedResponse } from '../../../platform/net/guarded-connect.js';
import { numericCharacter } from './html-entities.js';

/** A body read in full, or why it was not. */
export type BodyReading = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * Reads a response body (already decompressed by fetch), stopping as soon as it passes `maxBytes`, which therefore
 * bounds what a small compressed answer can unpack into as well.
 */
export async function readLimitedBody(response: FetchedResponse, maxBytes: number): Promise<BodyReading> {
  const tooLarge = `The feed is larger than ${describeSize(maxBytes)}, the most Parley reads.`;
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (response.body === null) return { ok: true, bytes: new Uint8Array(0) };
  if (declared > maxBytes) {
    await response.body.cancel();
    return { ok: false, error: tooLarge };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Leaving the loop early cancels the stream, which closes the connection.
  for await (const chunk of response.body) {
    if (!(chunk instanceof Uint8Array)) continue;
    total += chunk.byteLength;
    if (total > maxBytes) return { ok: false, error: tooLarge };
    chunks.push(chunk);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/** A size for people: "5 MB", "512 KB", "100 bytes". */
export function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/**
 * Decodes a body as text: by its byte-order mark, else the charset of its content type, else the encoding its XML
 * declaration names, else UTF-8. An unknown encoding is read as UTF-8; bytes that do not decode become U+FFFD.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const chosen = decoder(bomEncoding(bytes) ?? charset(contentType) ?? declaredEncoding(bytes) ?? 'utf-8');
  // Node decodes windows-1252 (which ISO-8859-1 and ASCII mean on the web) as Latin-1, losing curly quotes and dashes.
  if (chosen.encoding === 'windows-1252') return Buffer.from(bytes).toString('latin1').replace(/[\u0080-\u009F]/g, windows1252);
  return chosen.decode(bytes);
}

function windows1252(char: string): string {
  return numericCharacter(char.charCodeAt(0));
}

function decoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function charset(contentType: string | null): string | undefined {
  return /;\s*charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? '')?.[1];
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  return /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
}
