import type { Channel } from '../../channels/channel-repository.js';
import { BLUESKY_MAX_GRAPHEMES, MASTODON_DEFAULT_MAX_CHARACTERS, countFor, lengthProblem, type LengthLimit } from '../publishing/index.js';

/** What a channel's platform allows in one post: the instance's limit on Mastodon, 300 graphemes on Bluesky. */
export function limitOf(channel: Pick<Channel, 'platform' | 'maxCharacters'>): LengthLimit {
  return channel.platform === 'mastodon'
    ? { platform: 'mastodon', maxCharacters: channel.maxCharacters ?? MASTODON_DEFAULT_MAX_CHARACTERS }
    : { platform: 'bluesky', maxCharacters: BLUESKY_MAX_GRAPHEMES };
}

/** What the compose page says about a text's length: the count as the platform makes it, and the problem if any. */
export interface LengthReport {
  count: number;
  limit: number;
  remaining: number;
  message: string;
  problem: string | undefined;
}

/** Counts a text as the channel's platform does, in the words of the GOV.UK character count. */
export function lengthReport(channel: Pick<Channel, 'platform' | 'maxCharacters'>, text: string): LengthReport {
  const limit = limitOf(channel);
  const count = countFor(limit.platform, text);
  const remaining = limit.maxCharacters - count;
  const message = remaining >= 0
    ? `You have ${remaining} character${remaining === 1 ? '' : 's'} remaining`
    : `You have ${-remaining} character${remaining === -1 ? '' : 's'} too many`;
  return { count, limit: limit.maxCharacters, remaining, message, problem: text === '' ? undefined : lengthProblem(text, limit) };
}
