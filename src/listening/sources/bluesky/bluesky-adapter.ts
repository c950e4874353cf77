import type { SourceAdapter } from '../source-adapter.js';
import { defaultJetstreamSettings, type JetstreamSettings, streamJetstream } from './jetstream-stream.js';

/** Runs Bluesky sources with these settings (tests shorten the waits). */
export function createBlueskyAdapter(settings: Partial<JetstreamSettings> = {}): SourceAdapter {
  const merged: JetstreamSettings = { ...defaultJetstreamSettings, ...settings };
  return { mode: 'stream', stream: (run) => streamJetstream(run, merged) };
}

/** Runs Bluesky sources: a Jetstream subscription to app.bsky.feed.post held while the worker holds the source. */
export const blueskyAdapter: SourceAdapter = createBlueskyAdapter();
