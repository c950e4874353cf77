import { createBlueskyPublisher, createMastodonPublisher, type BlueskySession, type Publisher } from '../engagement/publishing/index.js';
import { blueskyChannelConfig, mastodonChannelConfig, type ChannelPlatform } from './channel-plan.js';
import type { ChannelSessionStore } from './channel-session.js';
import type { AccountChecker } from './channels.js';

/** A channel's account as a publisher needs it: where it lives, its opened secret, and for Bluesky a session to go on with. */
export interface ChannelAccount {
  platform: ChannelPlatform;
  config: Record<string, unknown>;
  secret: string;
  /** A Bluesky session kept from before; without one the publisher signs in with the app password. */
  session?: BlueskySession;
  /** Told of each new Bluesky session (signed in or renewed). */
  onSession?: (session: BlueskySession) => void;
  /** The Bluesky session stored now, read before renewing an expired one, as other workers may have renewed it. */
  latestSession?: () => Promise<BlueskySession | undefined>;
}

/** A publisher for a channel's account, from its stored settings and its opened secret. */
export function publisherForChannel(account: ChannelAccount): Publisher {
  if (account.platform === 'mastodon') {
    const { instanceUrl } = mastodonChannelConfig.parse(account.config);
    return createMastodonPublisher({ instanceUrl, accessToken: account.secret });
  }
  const { service, handle } = blueskyChannelConfig.parse(account.config);
  return createBlueskyPublisher({ serviceUrl: service, identifier: handle, appPassword: account.secret, session: account.session, onSession: account.onSession, latestSession: account.latestSession });
}

/**
 * A publisher that goes on with the session stored for the channel and stores each new one, so that a worker that
 * restarts does not call Bluesky's `createSession` again. The session is read on first use, and again when its access
 * token expires, so that workers sharing the channel go on with each other's renewals; Mastodon has none.
 */
export function publisherWithStoredSession(account: ChannelAccount, store: ChannelSessionStore): Publisher {
  if (account.platform !== 'bluesky') return publisherForChannel(account);
  let made: Promise<Publisher> | undefined;
  const publisher = () => (made ??= store.load().then((session) => publisherForChannel({ ...account, session, onSession: (s) => store.save(s), latestSession: () => store.latest() })));
  return {
    platform: 'bluesky',
    publish: async (request) => (await publisher()).publish(request),
    findPublished: async (request) => (await publisher()).findPublished(request),
    checkAccount: async () => (await publisher()).checkAccount(),
  };
}

/** Checks a channel's credentials by asking its platform who they belong to (signing in afresh, never with a stored session). */
export const checkWithPlatform: AccountChecker = (account) => publisherForChannel({ ...account, session: undefined }).checkAccount();
