import { z } from 'zod';
import type { TimelineItem } from './status-delivery.js';
import { isStatusId } from './status-ids.js';
import { feedKeyOfStream } from './timeline-feeds.js';

const envelope = z.object({ stream: z.array(z.string()).optional().catch(undefined), event: z.string(), payload: z.unknown().optional() });
// What the server answers a subscription it refuses: `{"error":"Unknown stream type","status":400}`.
const refusal = z.object({ error: z.string() });

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads one WebSocket message of the streaming API: `{"stream":[…],"event":…,"payload":…}`. `update` and
 * `status.update` carry a status as a JSON string, `delete` the deleted status's id; other events (notifications,
 * announcements, filters) and the server's refusals of a subscription are of no use here and give null. A message that cannot be read is malformed.
 */
export function readStreamMessage(data: string): TimelineItem | null {
  const json = parseJson(data);
  if (!json.ok) return { kind: 'malformed' };
  const message = envelope.safeParse(json.value);
  if (!message.success) return refusal.safeParse(json.value).success ? null : { kind: 'malformed' };
  const { event, payload, stream } = message.data;
  if (event === 'delete') return isStatusId(payload) ? { kind: 'delete', id: payload } : { kind: 'malformed' };
  if (event !== 'update' && event !== 'status.update') return null;
  const status = typeof payload === 'string' ? parseJson(payload) : { ok: false as const };
  if (!status.ok) return { kind: 'malformed' };
  return { kind: 'status', feed: feedKeyOfStream(stream ?? []), status: status.value, edited: event === 'status.update' };
}
