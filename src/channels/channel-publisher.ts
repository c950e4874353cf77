import { createBlueskyPublisher, createMastodonPublisher, type Publisher } from '../engagement/publishing/index.js';
import { blueskyChannelConfig, mastodonChannelConfig, type ChannelPlatform } from './channel-plan.js';
import type { AccountChecker } from './channels.js';

/** A publisher for a channel's account, from its stored settings and its opened secret. */
export function publisherForChannel(account: { platform: ChannelPlatform; config: Record<string, unknown>; secret: string }): Publisher {
  if (account.platform === 'mastodon') {
    const { instanceUrl } = mastodonChannelConfig.parse(account.config);
    return createMastodonPublisher({ instanceUrl, accessToken: account.secret });
  }
  const { service, handle } = blueskyChannelConfig.parse(account.config);
  return createBlueskyPublisher({ serviceUrl: service, identifier: handle, appPassword: account.secret });
}

/** Checks a channel's credentials by asking its platform who they belong to. */
export const checkWithPlatform: AccountChecker = (account) => publisherForChannel(account).checkAccount();
