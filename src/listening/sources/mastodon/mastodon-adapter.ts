import { refuseUnlessAllowed, SourceRunError, type SourceAdapter, type SourceRun } from '../source-adapter.js';
import { mastodonConfig } from '../source-config.js';
import { followInstance, type FollowSettings } from './follow-instance.js';
import { fetchInstanceInfo, streamingEndpoint } from './instance-info.js';
import { createMastodonClient } from './mastodon-client.js';
import { readSinceIds } from './mastodon-state.js';
import { createStatusDelivery } from './status-delivery.js';
import { timelineFeeds } from './timeline-feeds.js';

/** How Mastodon sources are run. */
export interface MastodonAdapterSettings extends FollowSettings {
  /** One REST request is abandoned after this. */
  requestTimeoutMs: number;
  /** Text kept per status: at least this, or the instance's own limit when higher. */
  minTextLength: number;
}

/** Reconnect after 1 s doubling to a minute, poll every minute without streaming, 40 statuses a page. */
export const defaultMastodonSettings: MastodonAdapterSettings = {
  reconnectBaseMs: 1000,
  reconnectMaxMs: 60_000,
  stableAfterMs: 60_000,
  pollIntervalMs: 60_000,
  connectTimeoutMs: 20_000,
  heartbeatMs: 30_000,
  requestTimeoutMs: 20_000,
  bufferLimit: 10_000,
  batchSize: 100,
  pageSize: 40,
  maxCatchUpPages: 50,
  minTextLength: 20_000,
  random: Math.random,
};

/** Runs one Mastodon source until its signal aborts; rejects, naming the instance, when it cannot go on. */
async function runMastodonSource(run: SourceRun, settings: MastodonAdapterSettings): Promise<void> {
  const parsed = mastodonConfig.safeParse(run.source.config);
  if (!parsed.success) throw new SourceRunError(`The source’s settings are not valid: ${parsed.error.issues[0]?.message ?? 'check them'}.`);
  const config = parsed.data;
  await refuseUnlessAllowed(config.instanceUrl, run);
  const client = createMastodonClient({ instanceUrl: config.instanceUrl, token: run.secret, signal: run.signal, timeoutMs: settings.requestTimeoutMs, network: run.network });
  try {
    const info = await fetchInstanceInfo(client);
    const streamingUrl = streamingEndpoint(info, config.instanceUrl);
    if (streamingUrl !== null) await refuseUnlessAllowed(streamingUrl, run);
    const context = { instanceHost: client.host, domain: info.domain, includeOptedOut: run.source.includeOptedOut, maxTextLength: Math.max(settings.minTextLength, info.maxCharacters ?? 0) };
    await followInstance({
      client,
      feeds: timelineFeeds(config),
      delivery: createStatusDelivery(run, context, readSinceIds(run.state, client.host)),
      streamingUrl,
      token: run.secret,
      signal: run.signal,
      network: run.network,
    }, settings);
  } catch (error) {
    if (run.signal.aborted) return;
    throw error;
  }
}

/**
 * Makes the adapter for Mastodon sources (and other servers with Mastodon's API): streams the timelines and hashtags a
 * source follows, catching up by REST from the committed since_ids after every (re)connection, or polls them when the
 * instance does not stream to the source. Settings are for tests; the defaults suit real instances.
 */
export function createMastodonAdapter(overrides: Partial<MastodonAdapterSettings> = {}): SourceAdapter {
  const settings = { ...defaultMastodonSettings, ...overrides };
  return { mode: 'stream', stream: (run) => runMastodonSource(run, settings) };
}

/** The adapter for Mastodon sources, with the default settings. */
export const mastodonAdapter: SourceAdapter = createMastodonAdapter();
