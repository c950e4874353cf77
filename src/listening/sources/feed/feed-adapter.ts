import { z } from 'zod';
import { feedConfig } from '../source-config.js';
import { SourceRunError, type SourceAdapter } from '../source-adapter.js';
import type { FeedState } from './feed-state.js';
import { pollFeed } from './poll-feed.js';

const storedState = z.object({
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  failures: z.number(),
  nextPollAt: z.string(),
  lastError: z.string().nullable(),
});

/** The feed state saved with the source, or null when there is none yet (or it is unreadable: start afresh). */
export function feedStateOf(state: unknown): FeedState | null {
  const parsed = storedState.safeParse(state);
  return parsed.success ? parsed.data : null;
}

/**
 * Runs feed sources: one conditional GET per run, the items handed to the pipeline with the new validators, the next
 * run at the source's interval. A failed poll fails the run, asking to wait at least as long as the feed's back-off
 * (which honours Retry-After).
 */
export const feedAdapter: SourceAdapter = {
  mode: 'poll',
  async poll(run) {
    const config = feedConfig.parse(run.source.config);
    const result = await pollFeed(config.url, feedStateOf(run.state), { intervalSeconds: config.intervalSeconds, network: run.network });
    if (result.outcome === 'failed') {
      throw new SourceRunError(result.error, Math.max(0, Math.ceil((Date.parse(result.state.nextPollAt) - Date.now()) / 1000)));
    }
    const mentions = result.outcome === 'fetched' ? result.items : [];
    const malformed = result.outcome === 'fetched' ? result.skipped.length : 0;
    await run.deliver({ mentions, malformed, state: { ...result.state } });
    return { nextRunAt: new Date(result.state.nextPollAt) };
  },
};
