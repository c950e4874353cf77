import { z } from 'zod';

const stored = z.object({ instance: z.string(), sinceIds: z.record(z.string(), z.string().min(1)) });

/**
 * The since_id of each feed (`public`, `local`, `tag:nhs`) as last committed: the newest status delivered from it.
 * Empty when there is none yet, when it is unreadable, or when it was saved for another instance.
 */
export function readSinceIds(state: unknown, instanceHost: string): Map<string, string> {
  const read = stored.safeParse(state);
  return read.success && read.data.instance === instanceHost ? new Map(Object.entries(read.data.sinceIds)) : new Map<string, string>();
}

/** The state saved with a batch: which instance the ids belong to, and each feed's since_id. */
export function sinceIdsState(instanceHost: string, sinceIds: ReadonlyMap<string, string>): Record<string, unknown> {
  return { instance: instanceHost, sinceIds: Object.fromEntries(sinceIds) };
}
